// The invitee's page of a 1-on-1 round. The owner's slots arrive as exact
// instants (ISO 8601 with offset); everything is kept as epoch milliseconds and
// only labels depend on the chosen time zone, so switching zones never moves a
// chosen time. Answers go to the JSON endpoint as UTC instants.
//
// The server decides what counts as the owner's available time: it sends the
// owner's *stretches* (touching slots joined, schedules/core/availability.py)
// and an answer may span a whole stretch. Every sentence comes from the server
// too (config/messages.py), in "respond-strings".
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("respond-data").textContent);
  const S = JSON.parse(document.getElementById("respond-strings").textContent);
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);
  const root = document.getElementById("respond");
  const form = document.getElementById("respond-form");
  const slotsBox = document.getElementById("owner-slots");
  const summary = document.getElementById("summary");
  const emptySummary = document.getElementById("empty-summary");
  const errors = document.getElementById("errors");
  const submit = document.getElementById("submit");
  const tzSelect = document.getElementById("tz");
  const closed = document.getElementById("closed");
  const done = document.getElementById("done");

  const STEP = 15 * 60000;
  const DURATION = data.meeting_duration * 60000;
  const PREFERENCES = S.preferences;
  const OWNER_PREFERENCES = S.ownerPreferences;
  const ownerName = [data.owner.first_name, data.owner.last_name].join(" ").trim();

  let zone = detectZone();
  let ranges = []; // {key, slot, start, end, preference}; ``slot`` is the stretch it is in
  let nextKey = 1;

  const ownerSlots = data.owner_availability.map((slot) => ({
    id: slot.id,
    start: Date.parse(slot.start),
    end: Date.parse(slot.end),
    preference: slot.preference,
  }));
  const stretches = data.owner_stretches.map((stretch) => {
    const start = Date.parse(stretch.start);
    const end = Date.parse(stretch.end);
    return { start, end, slots: ownerSlots.filter((s) => s.start >= start && s.end <= end) };
  });

  function detectZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    } catch (e) {
      return "UTC";
    }
  }

  function format(ms, options) {
    return new Intl.DateTimeFormat(undefined, Object.assign({ timeZone: zone }, options)).format(
      new Date(ms),
    );
  }
  const dayLabel = (ms) =>
    format(ms, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  const timeLabel = (ms) => format(ms, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const dayKey = (ms) => format(ms, { year: "numeric", month: "2-digit", day: "2-digit" });

  function spanLabel(start, end) {
    const sameDay = dayKey(start) === dayKey(end - 1);
    const endText = sameDay ? timeLabel(end) : dayLabel(end) + " " + timeLabel(end);
    return timeLabel(start) + " – " + endText;
  }

  function offsetLabel(name) {
    try {
      const parts = new Intl.DateTimeFormat("en-US", {
        timeZone: name,
        timeZoneName: "longOffset",
      }).formatToParts(new Date());
      const part = parts.find((p) => p.type === "timeZoneName");
      return part ? part.value.replace("GMT", "UTC") : "";
    } catch (e) {
      return "";
    }
  }

  function element(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    });
    (children || []).forEach((child) => node.appendChild(child));
    return node;
  }

  function fillZones() {
    let names = [];
    if (typeof Intl.supportedValuesOf === "function") names = Intl.supportedValuesOf("timeZone");
    const wanted = [zone, data.timezone, "UTC"];
    names = Array.from(new Set(wanted.concat(names)));
    names.sort((a, b) => (wanted.includes(a) ? -1 : 0) - (wanted.includes(b) ? -1 : 0));
    tzSelect.replaceChildren(
      ...names.map((name) => {
        const note = name === zone ? S.thisDevice : name === data.timezone ? S.organizer : "";
        return element("option", { value: name, text: `${name} ${offsetLabel(name)}${note}` });
      }),
    );
    tzSelect.value = zone;
  }

  // Start and end choices inside one stretch, on a 15-minute grid from its start.
  function points(slot) {
    const out = [];
    for (let t = slot.start; t < slot.end; t += STEP) out.push(t);
    out.push(slot.end);
    return out;
  }

  function options(select, values, chosen) {
    select.replaceChildren(
      ...values.map((t) => element("option", { value: String(t), text: timeLabel(t) })),
    );
    select.value = String(chosen);
  }

  function rangeRow(range) {
    const slot = range.slot;
    const fromSelect = element("select", { "aria-label": S.from, class: "from" });
    const toSelect = element("select", { "aria-label": S.to, class: "to" });
    const prefSelect = element("select", { "aria-label": S.preference, class: "preference" });
    const all = points(slot);
    const refresh = () => {
      options(
        fromSelect,
        all.filter((t) => t + DURATION <= slot.end),
        range.start,
      );
      options(
        toSelect,
        all.filter((t) => t >= range.start + DURATION),
        range.end,
      );
    };
    prefSelect.replaceChildren(
      ...[3, 2, 1].map((p) => element("option", { value: String(p), text: PREFERENCES[p] })),
    );
    prefSelect.value = String(range.preference);
    fromSelect.addEventListener("change", () => {
      range.start = Number(fromSelect.value);
      if (range.end < range.start + DURATION) range.end = range.start + DURATION;
      refresh();
      renderSummary();
    });
    toSelect.addEventListener("change", () => {
      range.end = Number(toSelect.value);
      renderSummary();
    });
    prefSelect.addEventListener("change", () => {
      range.preference = Number(prefSelect.value);
      renderSummary();
    });
    refresh();
    return element("div", { class: "range", "data-range": String(range.key) }, [
      element("span", { text: S.from }),
      fromSelect,
      element("span", { text: S.to }),
      toSelect,
      prefSelect,
      element("button", {
        type: "button",
        class: "secondary",
        text: S.remove,
        onclick: () => {
          ranges = ranges.filter((r) => r !== range);
          render();
        },
      }),
    ]);
  }

  function addRange(slot) {
    const taken = ranges.filter((r) => r.slot === slot).map((r) => r.end);
    let start = taken.length ? Math.max(...taken) : slot.start;
    if (start + DURATION > slot.end) start = slot.start;
    ranges.push({ key: nextKey++, slot, start, end: slot.end, preference: 2 });
    render();
  }

  function renderSlots() {
    const days = new Map();
    stretches.forEach((stretch) => {
      const key = dayKey(stretch.start);
      if (!days.has(key)) days.set(key, { label: dayLabel(stretch.start), stretches: [] });
      days.get(key).stretches.push(stretch);
    });
    slotsBox.replaceChildren(
      ...Array.from(days.values()).map((day) =>
        element("div", { class: "day" }, [
          element("h3", { text: day.label }),
          ...day.stretches.map((stretch) =>
            element("div", { class: "slot", "data-slot": stretch.slots.map((s) => s.id).join(" ") }, [
              element("div", { class: "slot-head" }, [
                element("span", { class: "slot-time", text: spanLabel(stretch.start, stretch.end) }),
                ...stretch.slots.map((slot) =>
                  element("span", {
                    class: "muted",
                    text: fill(S.ownerPreference, {
                      who: stretch.slots.length > 1 ? spanLabel(slot.start, slot.end) : ownerName,
                      preference: OWNER_PREFERENCES[slot.preference],
                    }),
                  }),
                ),
                element("button", {
                  type: "button",
                  class: "secondary",
                  text: S.addRange,
                  onclick: () => addRange(stretch),
                }),
              ]),
              ...ranges.filter((r) => r.slot === stretch).map(rangeRow),
            ]),
          ),
        ]),
      ),
    );
    if (!stretches.length) {
      slotsBox.replaceChildren(
        element("p", { class: "muted", text: fill(S.noOwnerTimes, { owner: ownerName }) }),
      );
    }
  }

  function sorted(list) {
    return list.slice().sort((a, b) => a.start - b.start || a.end - b.end);
  }

  function overlapMessage() {
    const list = sorted(ranges);
    for (let i = 1; i < list.length; i++) {
      if (list[i].start < list[i - 1].end) {
        return fill(S.overlap, {
          day: dayLabel(list[i].start),
          first: spanLabel(list[i - 1].start, list[i - 1].end),
          second: spanLabel(list[i].start, list[i].end),
        });
      }
    }
    return "";
  }

  function summaryItems(list) {
    return sorted(list).map((r) =>
      element("li", {
        text: `${dayLabel(r.start)}, ${spanLabel(r.start, r.end)}: ${PREFERENCES[r.preference]}`,
      }),
    );
  }

  function renderSummary() {
    summary.replaceChildren(...summaryItems(ranges));
    emptySummary.hidden = ranges.length > 0;
    const overlap = overlapMessage();
    errors.textContent = overlap;
    submit.disabled = !ranges.length || Boolean(overlap);
  }

  function renderDeadline() {
    const deadline = Date.parse(data.deadline);
    document.getElementById("deadline-local").textContent = fill(S.deadlineLocal, {
      day: dayLabel(deadline),
      time: timeLabel(deadline),
      zone,
    });
  }

  function render() {
    renderDeadline();
    renderSlots();
    renderSummary();
  }

  function messagesOf(body) {
    if (!body || typeof body !== "object") return [];
    if (typeof body.error === "string") return [body.error];
    if (typeof body.detail === "string") return [body.detail];
    return Object.values(body).flat(Infinity).filter((m) => typeof m === "string");
  }

  function showClosed(text, list) {
    form.hidden = true;
    closed.hidden = false;
    closed.replaceChildren(element("p", { text }));
    if (list && list.length) closed.appendChild(element("ul", { class: "summary" }, list));
  }

  function showDone() {
    form.hidden = true;
    done.hidden = false;
    done.replaceChildren(
      element("p", { text: fill(S.thanks, { owner: ownerName }) }),
      element("ul", { class: "summary" }, summaryItems(ranges)),
    );
  }

  const isoUtc = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

  async function send(event) {
    event.preventDefault();
    if (!ranges.length || overlapMessage()) return;
    submit.disabled = true;
    errors.textContent = "";
    const body = {
      availability: sorted(ranges).map((r) => ({
        start_time: isoUtc(r.start),
        end_time: isoUtc(r.end),
        preference_level: r.preference,
      })),
    };
    try {
      const response = await fetch(root.dataset.apiUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
        credentials: "omit",
      });
      if (response.ok) {
        showDone();
        return;
      }
      let payload = null;
      try {
        payload = await response.json();
      } catch (e) {
        payload = null;
      }
      const list = messagesOf(payload);
      if (response.status === 429) {
        errors.textContent = S.tooMany;
      } else {
        errors.textContent = list.length
          ? list.join(" ")
          : fill(S.failed, { status: response.status });
      }
    } catch (e) {
      errors.textContent = S.offline;
    }
    submit.disabled = !ranges.length;
  }

  function start() {
    renderDeadline();
    if (data.finalized) {
      showClosed(fill(S.finalized, { owner: ownerName }));
      return;
    }
    if (data.responded) {
      const mine = data.availability.map((s) => ({
        start: Date.parse(s.start),
        end: Date.parse(s.end),
        preference: s.preference,
      }));
      showClosed(fill(S.responded, { owner: ownerName }), summaryItems(mine));
      return;
    }
    if (data.deadline_passed) {
      showClosed(fill(S.deadlinePassed, { owner: ownerName }));
      return;
    }
    fillZones();
    tzSelect.addEventListener("change", () => {
      zone = tzSelect.value;
      render();
    });
    form.addEventListener("submit", send);
    form.hidden = false;
    render();
  }

  start();
})();
