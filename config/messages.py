"""Every sentence a person reads from Rendezvous, once.

Seed messages are kept word for word (their odd spellings included: seed 004
writes ``'date','start_time'`` without a space in one place and with one in
another). Messages with ``{placeholders}`` are filled with ``str.format``.
Web pages receive the strings they show from here (``PAGE_STRINGS``, handed
over with ``json_script``); no script keeps a copy.

Sections: general, accounts, contacts, rounds (seed 004), responses, finalize,
booking (seeds 000-002), agenda and feed, pages.
"""

from __future__ import annotations

# --- general ---------------------------------------------------------------------------

SYSTEM_ERROR = (  # seed 000, word for word
    "System error communicating to database. Please refresh the page and try again shortly "
    "and make sure you have proper internet connection"
)
SERVER_ERROR = "Something went wrong on our side. Please try again in a moment."
NOT_FOUND = "Not found."
NO_INPUT = "No input."
FIELD_REQUIRED = "This field is required."
UNKNOWN_TIMEZONE = "“{name}” is not a known time zone. Use an IANA name such as Europe/Paris."
TIME_SKIPPED = (
    "{moment} does not exist in {zone}: the clocks skip it (daylight saving time). "
    "Choose another time."
)
DATE_RANGE = "Use a date between 1900-01-01 and 2999-12-31."
TOO_MANY_REQUESTS = "Too many attempts from here. Please wait a minute and try again."
ID_INVALID = "Give a whole number from 1 to 9223372036854775807."

# --- accounts ----------------------------------------------------------------------------

USERNAME_TAKEN = "Username already taken."
USERNAME_INVALID = "Usernames may contain only letters, digits and @/./+/-/_ characters."
EMAIL_TAKEN = "An account with this email already exists."
PASSWORDS_DIFFER = "Passwords must match."
LOGIN_INVALID = "That username or email and password do not match an account."
LOGIN_INACTIVE = "Confirm your email address first: open the link we emailed you."
LOGIN_LOCKED = (
    "Too many failed logins for this account from here. Try again in {minutes} minutes, "
    "or reset your password."
)
LOGGED_OUT = "Logged out."
REFRESH_INVALID = "Token is invalid or expired"
CONFIRM_INVALID = "This confirmation link is not valid. Check that you copied all of it."
CONFIRM_USED = "This confirmation link has already been used. You can log in."
CONFIRM_EXPIRED = "This confirmation link has expired. Ask for a new one below."
CONFIRMED = "Thanks, {name}: your email is confirmed."

# --- contacts (seed 004) -----------------------------------------------------------------

CONTACT_DUPLICATE = "A contact with this email already exists."
CONTACT_INVALID = "Invalid contact"
CONTACT_MISSING = "Contact does not exist"
CONTACT_ADDED = "{name} is in your contacts."
CONTACT_SAVED = "{name} is saved."
CONTACT_DELETED = "{name} is no longer in your contacts."
CONTACT_DELETE_ASK = (
    "Delete {name}? Their invitations to rounds go with them; meetings already on your "
    "calendar stay."
)
IMPORT_DONE = "Imported {created} contacts; {skipped} rows were left out."
IMPORT_BAD_EMAIL = "Line {line}: “{email}” is not an email address."
IMPORT_DUPLICATE = "Line {line}: {email} is already in your contacts."
IMPORT_NO_NAME = "Line {line}: a contact needs a first name."
IMPORT_NOT_CSV = (
    "That file is not a CSV with first name, last name and email columns. Export one from "
    "your address book or spreadsheet (a header row is fine) and try again."
)
IMPORT_TOO_BIG = "Import at most {rows} contacts (and {size} KB) at a time; split the file."

# --- rounds (seed 004) -------------------------------------------------------------------

CALENDAR_NOT_FOUND = "Calendar not found."
CALENDAR_FORBIDDEN = "You do not have permission to finalize this calendar."
CALENDAR_NOT_YOURS = "You do not have permission to use this calendar."
CALENDAR_FINALIZED = "This calendar has already been finalized."
CALENDAR_FINALIZED_EDIT = "This calendar has been finalized and can no longer be edited."
DEADLINE_PAST = "Deadline cannot be in the past"
DATETIME_WRONG = "Datetime has wrong format."
INVITEE_FOREIGN_CREATE = "Invalid contact id"
INVITEE_FOREIGN_UPDATE = "You do not have permission to add this contact."
INVITEE_ALREADY = "This contact is already invited."
SLOT_FORM = (
    "Invalid slot data. Must be in the form: 'date', 'start_time', 'end_time', 'preference_level' "
)
SLOT_FORM_UPDATE = (
    "Invalid slot data. Must be in the form: 'date','start_time', 'end_time', 'preference_level' "
)
INVITEE_SLOT_FORM = (
    "Invalid slot data. Must be in the form: 'start_time', 'end_time', 'preference_level'"
)
DATE_STRING = "Date must be a string."
TIMES_STRINGS = "Start and end times must be strings."
DATE_FORMAT = "Date must be in a valid date format YYYY-MM-DD."
TIME_FORMAT = "Start and end times must be in a valid date format HH:MM:SS."
DATETIME_FORMAT = (
    "Start and end times must be in the format YYYY/MM/DD HH:MM:SS "
    "(or ISO 8601, e.g. 2024-03-12T13:00:00-04:00)."
)
END_AFTER_START = "End time must be after start time."
PREFERENCE_INT = "Preference level must be an integer."
PREFERENCE_RANGE = "Preference level must be either 1, 2, or 3 (3 being highest preference)."
SLOT_PAST = "Available date cannot be in the past."
SLOT_LIST_BOTH = "Send either availability or available_slots, not both."
SLOT_LIST_TOO_LONG = "Send at most {limit} slots per request."
SLOT_TOO_SHORT = (
    "Each available slot must be at least as long as a meeting ({minutes} minutes); "
    "{span} ({zone}) is shorter."
)
SLOTS_OVERLAP = (
    "Available slots must not overlap: {first} and {second} ({zone}). "
    "Merge them into one slot or give them separate times."
)
SLOT_LAST = "A calendar needs at least one available slot; add one before removing the last."
SLOT_NONE = "A calendar needs at least one available slot."
REMINDER_SENT = "Reminder email successfully sent to {name}"
REMIND_FINALIZED = "This calendar has been finalized; there is nothing left to remind anyone about."
REMIND_RESPONDED = "{name} has already responded; there is nothing to remind."
REMIND_DEADLINE = (
    "The deadline has passed, so {name} can no longer respond. "
    "Move the deadline first, then remind them."
)
REMIND_COOLDOWN = (
    "{name} was reminded less than an hour ago. You can remind them again in {minutes} {unit}."
)
REMIND_NOT_INVITED = "This contact is not invited to this calendar."
CONTACT_NOT_FOUND = "Contact not found."

# --- responses (seed 004, the invitee's side) ------------------------------------------

RESPOND_SUCCESS = "Availability submitted successfully."
RESPOND_DEADLINE = "Deadline has passed"
RESPOND_ALREADY = "Already responded"
RESPOND_FINALIZED = "This calendar has been finalized; it takes no more responses."
RESPOND_CALENDAR_MISSING = "This calendar does not exist."
RESPOND_LINK_INVALID = (
    "This link is no longer valid; use the newest email you received about this round. "
    "Each reminder comes with a new link."
)
ANSWER_TOO_SHORT = (
    "{span} ({zone}) is shorter than a meeting ({minutes} minutes); choose at least "
    "{minutes} minutes."
)
ANSWER_OUTSIDE = "{span} ({zone}) is outside the owner's available times: it meets none of them."
ANSWER_STARTS_EARLY = (
    "{span} ({zone}) starts before the owner's available time {owner}; start at or after it."
)
ANSWER_ENDS_LATE = (
    "{span} ({zone}) ends after the owner's available time {owner}; end at or before it."
)
ANSWER_OVERLAP = (
    "Your times {first} and {second} ({zone}) overlap; merge them into one or keep them apart."
)

# --- finalize (seed 004) ------------------------------------------------------------------

NOBODY_INVITED = "Nobody is invited to this calendar yet, so there is nothing to suggest."
WAITING = (
    "No suggestions until everyone has responded: {pending} of {total} invitees have not. "
    "Remind them, or ask with ?include_partial=true for suggestions that seat those who have."
)
NOBODY_ANSWERED = "Nobody has responded yet, so there is nothing to suggest."
NO_OWNER_SLOTS = "You have not offered any times in this calendar, so there is nothing to suggest."
NOTHING_FITS = (
    "No meeting of {minutes} minutes fits inside both your availability and an invitee's "
    "without clashing with your agenda."
)
SOLVER_TIME_LIMIT = (
    "Finding the best schedule took longer than {limit:g} seconds, so the first suggestion "
    "is the best one found in that time and may not be optimal."
)
SOLVER_GREEDY = (
    "Finding the best schedule took longer than {limit:g} seconds, so the first suggestion "
    "was built greedily (earliest end first) and may not be optimal."
)
NOTHING_SELECTED = (
    "Availability not selected for a user: choose a meeting time for at least one invitee."
)
FINALIZE_MISSING = "Missing fields: each meeting needs contact_id, start_time and end_time."
FINALIZE_NOT_OBJECT = "Each meeting must be an object with contact_id, start_time and end_time."
FINALIZE_NOT_LIST = "finalized_schedule must be a list of meetings."
FINALIZE_TOO_LONG = "A schedule holds at most {limit} meetings."
FINALIZE_DATETIME = (
    "Datetime has wrong format. Use YYYY/MM/DD HH:MM:SS or YYYY-MM-DDThh:mm:ss (read in the "
    "calendar's time zone), or ISO 8601 with an offset."
)
FINALIZE_BAD_CONTACT_ID = "Invalid contact id: it must be a positive whole number."
FINALIZE_MEETING_ERROR = "Meeting {number}{where}: {message}"
INVALID_CONTACT_ID = "Invalid contact id: {id} is not one of your contacts."
NOT_INVITED = "Contact not invited to calendar: {name} (contact {id})."
DUPLICATE_MEETING = "Contact appears more than once: {name} can have only one meeting."
MEETING_LENGTH = (
    "Invalid meeting time for contact: {name}'s meeting must last from 5 minutes to 24 hours."
)
MEETING_PAST = "Invalid meeting time for contact: {name}'s meeting {span} would start in the past."
NOT_AVAILABLE = "Invalid meeting time for contact: {name} is not available {span}."
OWNER_NOT_AVAILABLE = (
    "Invalid meeting time for contact: {name} has not responded, so their meeting must lie "
    "within your own availability, and {span} does not."
)
MEETINGS_OVERLAP = "Meeting times overlap: {first} {first_span} and {second} {second_span}."
AGENDA_CONFLICT = (
    "Unresolved availability conflict: {name}'s meeting {span} overlaps something already on "
    "your agenda."
)
RACE_CONFLICT = (
    "Unresolved availability conflict: something was added to your agenda at one of these "
    "times while you were finalizing. Reload and choose again."
)

# --- booking (seeds 000-002) --------------------------------------------------------------

BUSY = "The person is busy at that time. Please select a new time"  # seed 000
APPOINTMENT_CANCELLED_PAGE = "Appointment was cancelled"  # seed 000
WORKING_SCHEDULE_SET = "Working Schedule set"  # seed 000
INVALID_EMAIL = "Invalid email address"  # seed 000
SCHEDULED = "Appointment scheduled successfully."  # seed 001 from here
INVALID_DATE_TIME = "Invalid date or time format."
NOT_AVAILABLE_SLOT = "Time slot is not available."
APPOINTMENT_NOT_FOUND = "Appointment not found."
CANCELED = "Appointment canceled successfully."
ALREADY_CANCELED = "Appointment is already canceled."
RESCHEDULED = "Appointment rescheduled successfully."
CANNOT_RESCHEDULE = "Cannot reschedule a canceled appointment."
NEW_NOT_AVAILABLE = "New time slot is not available."
ALREADY_STARTED = "This appointment has already started, so it can no longer be changed."
ONLY_BOOKINGS = (
    "Only bookings can be cancelled here; rounds and visits are changed where they were made."
)
PAGE_NOT_FOUND = "Booking page not found."
PAGE_LINK_GONE = "This booking link does not exist or is not taking bookings any more."
MANAGE_LINK_INVALID = "This link to manage an appointment is not valid."
SLUG_TAKEN = "This link is already taken. Choose another slug."
PAGE_HAS_BOOKINGS = (
    "People hold upcoming bookings made through this page, and their links to cancel "
    "or reschedule go through it. Deactivate it instead (is_active: false)."
)
PAGE_INACTIVE_INVITE = (
    "This booking page is inactive, so its link shows nothing to book. "
    "Activate it before sending invitations."
)
INVITATION_SENT = "Invitation sent to {count} {noun}."
PHONE_INVALID = "Enter a phone number with digits, spaces and + - ( ) only, e.g. +44 20 7946 0958."
SLOTS_END_BEFORE_START = "end must be on or after start."
SLOTS_TOO_MANY_DAYS = "Ask for at most {limit} days at a time; this asks for {days}."
WHEN_DAY_OFF_TIMES = (
    "A day off has no times: leave out start_time and end_time, or send day_off false."
)
WHEN_BOTH_TIMES = 'Give both start_time and end_time for different hours, or "day_off": true.'
RANGE_BACKWARDS = (
    "{label}: a range must end after it starts ({range}). "
    "Ranges cannot cross midnight; split them into two days."
)
RANGES_OVERLAP = (
    "{label}: {first} overlaps {second}. Merge them into one range or make them meet end to start."
)
DAY_OFF_WITH_HOURS = (
    "{date}: a day off cannot also have hours. Send either the day off or the hours for that date."
)

OFFICE_BOTH_TIMES = "Give both times, or neither for a day off."

# --- outreach (emails an owner sends to people of their choosing) ---------------------------

OUTREACH_QUOTA = (
    "This would send {count} emails, and you can send {limit} invitations and reminders a day; "
    "{left} are left for today. Invite fewer people now and the rest tomorrow."
)

DELIVERIES_RETRIED = "{count} {noun} will be sent again in a moment."
DELIVERIES_NONE_TO_RETRY = "There was nothing to send again: those messages were already sent."

# --- agenda and feed -------------------------------------------------------------------------

OVERLAPS_AGENDA = "This time overlaps another meeting on the agenda."
FEED_INVALID = "This calendar feed link is not valid: it was revoked or replaced.\n"

# --- pages: what the public pages' scripts show, handed over with json_script --------------

PAGE_STRINGS = {
    "booking": {
        "busy": BUSY,
        "systemError": SYSTEM_ERROR,
        "taken": [NOT_AVAILABLE_SLOT, NEW_NOT_AVAILABLE],
        "pickDay": "Pick a day",
        "pickDayWithTimes": "Pick a day with free times.",
        "noTimesMonth": "No free times this month.",
        "noTimesAria": ", no free times",
        "timesIn": "Times in {zone}.",
        "noTimesDay": "No free times on this day.",
        "loading": "Loading free times…",
        "cancelledPicking": (
            "Appointment was cancelled. Nothing was booked; pick another time whenever you like."
        ),
        "cancelledStatus": "This appointment is cancelled.",
        "cancelled": APPOINTMENT_CANCELLED_PAGE,
    },
    "respond": {
        "preferences": {"3": "Best for me", "2": "Good", "1": "Possible"},
        "ownerPreferences": {"3": "preferred", "2": "good", "1": "possible if needed"},
        "from": "From",
        "to": "to",
        "preference": "Preference",
        "remove": "Remove",
        "addRange": "I can make some of this time",
        "noOwnerTimes": "{owner} has not offered any times yet.",
        "ownerPreference": "{who}: {preference}",
        "overlap": (
            "Two of your times overlap on {day}: {first} and {second}. Change or remove one."
        ),
        "deadlineLocal": "({day}, {time} in {zone})",
        "thisDevice": " (this device)",
        "organizer": " (organizer)",
        "tooMany": "Too many attempts. Please wait a minute and try again.",
        "failed": "Something went wrong (error {status}). Please try again.",
        "offline": "Could not reach the server. Check your connection and try again.",
        "finalized": (
            "{owner} has finalized this calendar: the schedule is chosen and answers are "
            "closed. Your meeting, if you have one, comes by email."
        ),
        "responded": "You have already responded. {owner} has these times from you:",
        "deadlinePassed": (
            "The deadline has passed: {owner} no longer takes answers for this calendar. "
            "Reply to the invitation email if you still want to meet."
        ),
        "thanks": (
            "Thank you! {owner} has your availability and will send you the meeting by email."
        ),
    },
}
