/* Booking page and manage page: a month calendar of free times in the visitor's zone.
 *
 * The server does every time-zone calculation: /slots/ answers with ISO 8601 times that
 * already carry the chosen zone's offset, so the local date is the first ten characters
 * and the local time the next five. The script never converts times itself, which keeps
 * it right across daylight-saving changes whatever the browser's own zone is.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("booking-config").textContent);
  // Every sentence comes from the server (config/messages.py), none is written here.
  var S = config.strings;
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  // ICU (so Chromium) still reports some zones by their old tzdata link names.
  var MODERN = {
    "Asia/Calcutta": "Asia/Kolkata", "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Saigon": "Asia/Ho_Chi_Minh", "Asia/Rangoon": "Asia/Yangon", "Europe/Kiev": "Europe/Kyiv",
    "Atlantic/Faeroe": "Atlantic/Faroe", "America/Godthab": "America/Nuuk",
    "Pacific/Truk": "Pacific/Chuuk", "Pacific/Ponape": "Pacific/Pohnpei",
    "Pacific/Enderbury": "Pacific/Kanton"
  };

  var $ = function (id) { return document.getElementById(id); };
  var state = { zone: null, year: 0, month: 0, byDay: {}, day: null, slot: null, request: 0 };

  // --- dates as "YYYY-MM-DD" strings, computed in UTC so the browser zone never matters

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function ymd(y, m, d) { return y + "-" + pad(m) + "-" + pad(d); }
  function daysIn(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  function addDays(day, n) {
    var p = day.split("-");
    var d = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2] + n));
    return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  function todayIn(zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }
  function clock(iso) { return iso.slice(11, 16); }
  function longDay(day) {
    var p = day.split("-");
    var d = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2]));
    return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(d);
  }
  function describe(slot, zone) {
    return longDay(slot.start.slice(0, 10)) + ", " + clock(slot.start) + "–" + clock(slot.end) + " (" + zone + ")";
  }

  // --- messages

  function show(el, text, ok) {
    el.textContent = text;
    el.hidden = !text;
    el.classList.toggle("ok", !!ok);
  }
  function errorText(status, body) {
    if (status >= 500 || !body) return S.systemError;
    if (body.message) return body.message;
    if (body.detail) return body.detail;
    return Object.keys(body).map(function (k) {
      var v = body[k];
      return (k === "non_field_errors" ? "" : k.replace("_", " ") + ": ") + (Array.isArray(v) ? v.join(" ") : v);
    }).join(" ");
  }
  function post(url, payload) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(payload)
    }).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (body) {
        return { status: r.status, body: body };
      });
    });
  }

  // --- time zone

  function setupZone() {
    var select = $("tz");
    var known = {};
    Array.prototype.forEach.call(select.options, function (o) { known[o.value] = true; });
    var detected = null;
    try { detected = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { detected = null; }
    if (known[MODERN[detected]]) detected = MODERN[detected];
    state.zone = known[detected] ? detected : (config.attendeeTimezone || config.pageTimezone);
    select.value = state.zone;
    select.addEventListener("change", function () {
      state.zone = select.value;
      state.slot = null;
      hideDetails();
      if (state.year) load();
      if (config.mode === "manage") showCurrent();
    });
  }

  // --- calendar

  function renderMonth() {
    $("month-label").textContent = new Intl.DateTimeFormat(undefined, { timeZone: "UTC", month: "long", year: "numeric" })
      .format(new Date(Date.UTC(state.year, state.month - 1, 1)));
    var body = $("days");
    body.textContent = "";
    var first = new Date(Date.UTC(state.year, state.month - 1, 1)).getUTCDay();
    var lead = (first + 6) % 7;  // Monday first
    var total = daysIn(state.year, state.month);
    var row = null;
    for (var cell = 0; cell < lead + total; cell++) {
      if (cell % 7 === 0) { row = document.createElement("tr"); body.appendChild(row); }
      var td = document.createElement("td");
      row.appendChild(td);
      if (cell < lead) continue;
      var d = cell - lead + 1;
      var day = ymd(state.year, state.month, d);
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = d;
      button.dataset.day = day;
      button.disabled = !state.byDay[day];
      button.setAttribute("aria-label", longDay(day) + (state.byDay[day] ? "" : S.noTimesAria));
      if (day === state.day) button.classList.add("chosen");
      button.addEventListener("click", chooseDay);
      td.appendChild(button);
    }
    var today = todayIn(state.zone);
    $("prev-month").disabled = ymd(state.year, state.month, 1) <= today;
    var next = state.month === 12 ? ymd(state.year + 1, 1, 1) : ymd(state.year, state.month + 1, 1);
    $("next-month").disabled = next > addDays(today, config.horizonDays + 1);
  }

  function chooseDay(event) {
    state.day = event.currentTarget.dataset.day;
    state.slot = null;
    hideDetails();
    renderMonth();
    renderTimes();
  }

  function renderTimes() {
    var box = $("times");
    box.textContent = "";
    var slots = state.day ? (state.byDay[state.day] || []) : [];
    $("day-label").textContent = state.day ? longDay(state.day) : S.pickDay;
    var counts = {};
    slots.forEach(function (s) { counts[clock(s.start)] = (counts[clock(s.start)] || 0) + 1; });
    slots.forEach(function (slot) {
      var button = document.createElement("button");
      button.type = "button";
      // When clocks go back an hour repeats: tell the two apart by their offset.
      button.textContent = clock(slot.start) + (counts[clock(slot.start)] > 1 ? " (UTC" + slot.start.slice(19) + ")" : "");
      button.dataset.start = slot.start;
      if (state.slot && state.slot.start === slot.start) button.classList.add("chosen");
      button.addEventListener("click", function () { chooseSlot(slot); });
      box.appendChild(button);
    });
    var note = $("times-note");
    if (!state.day) note.textContent = Object.keys(state.byDay).length ? S.pickDayWithTimes : S.noTimesMonth;
    else note.textContent = slots.length ? fill(S.timesIn, { zone: state.zone }) : S.noTimesDay;
  }

  function load() {
    var today = todayIn(state.zone);
    var start = ymd(state.year, state.month, 1);
    var end = ymd(state.year, state.month, daysIn(state.year, state.month));
    if (start < today) start = today;
    var request = ++state.request;
    state.byDay = {};
    renderMonth();
    $("times-note").textContent = S.loading;
    if (start > end) { state.day = null; renderMonth(); renderTimes(); return Promise.resolve(); }
    var url = config.slotsUrl + "?start=" + start + "&end=" + end + "&timezone=" + encodeURIComponent(state.zone) +
      (config.token ? "&token=" + encodeURIComponent(config.token) : "");
    return fetch(url, { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().then(function (body) { return { status: r.status, body: body }; }); })
      .then(function (res) {
        if (request !== state.request) return;  // a newer month or zone was asked for meanwhile
        if (res.status !== 200) { show($("picker-message"), errorText(res.status, res.body)); return; }
        res.body.slots.forEach(function (slot) {
          var day = slot.start.slice(0, 10);
          (state.byDay[day] = state.byDay[day] || []).push(slot);
        });
        if (!state.byDay[state.day]) {
          state.day = Object.keys(state.byDay).sort()[0] || null;
          state.slot = null;
          hideDetails();
        }
        renderMonth();
        renderTimes();
      })
      .catch(function () {
        if (request === state.request) show($("picker-message"), S.systemError);
      });
  }

  function moveMonth(step) {
    var m = state.month + step;
    state.year += Math.floor((m - 1) / 12);
    state.month = ((m - 1) % 12 + 12) % 12 + 1;
    state.day = null;
    state.slot = null;
    hideDetails();
    load();
  }

  // --- choosing and booking

  function chooseSlot(slot) {
    state.slot = slot;
    show($("picker-message"), "");
    renderTimes();
    $("chosen").textContent = describe(slot, state.zone);
    $("details").hidden = false;
    if (config.mode === "book") $("client_name").focus();
  }

  function hideDetails() {
    if ($("details")) $("details").hidden = true;
  }

  function taken() {
    // Someone else got the time first: say so (seed 000) and show what is still free.
    state.slot = null;
    hideDetails();
    show($("picker-message"), S.busy);
    return load();
  }

  function setupBooking() {
    $("book-form").addEventListener("submit", function (event) {
      event.preventDefault();
      if (!state.slot) return;
      var button = $("book-button");
      var slot = state.slot;
      button.disabled = true;
      show($("form-error"), "");
      post(config.scheduleUrl, {
        client_name: $("client_name").value.trim(),
        email: $("email").value.trim(),
        phone: $("phone").value.trim(),
        start: slot.start,
        timezone: state.zone
      }).then(function (res) {
        if (res.status === 201) {
          $("choose").hidden = true;
          $("details").hidden = true;
          $("confirmed-when").textContent = describe(slot, state.zone);
          $("confirmed-email").textContent = $("email").value.trim();
          $("manage-link").href = new URL(res.body.manage_url).pathname;
          $("confirmation").hidden = false;
        } else if (res.body && S.taken.indexOf(res.body.message) >= 0) {
          return taken();
        } else {
          show($("form-error"), errorText(res.status, res.body));
        }
      }).catch(function () {
        show($("form-error"), S.systemError);
      }).then(function () { button.disabled = false; });
    });
    $("cancel-choice").addEventListener("click", function () {
      state.slot = null;
      hideDetails();
      renderTimes();
      show($("picker-message"), S.cancelledPicking, true);
    });
  }

  // --- managing an existing appointment

  function showCurrent() {
    var fmt = new Intl.DateTimeFormat("en-CA", {
      timeZone: state.zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    });
    function local(iso) {
      var parts = {};
      fmt.formatToParts(new Date(iso)).forEach(function (p) { parts[p.type] = p.value; });
      return { day: parts.year + "-" + parts.month + "-" + parts.day, time: parts.hour + ":" + parts.minute };
    }
    var s = local(config.start), e = local(config.end);
    $("current-when").textContent = longDay(s.day) + ", " + s.time + "–" + e.time + " (" + state.zone + ")";
  }

  function setupManage() {
    showCurrent();
    if (config.cancelled) return;
    $("cancel-appointment").addEventListener("click", function () {
      var button = this;
      button.disabled = true;
      post(config.cancelUrl, { token: config.token, reason: $("reason").value.trim() }).then(function (res) {
        if (res.status === 200) {
          $("manage-actions").hidden = true;
          $("choose").hidden = true;
          $("status").textContent = S.cancelledStatus;
          $("status").className = "error";
          show($("manage-message"), S.cancelled, true);
        } else {
          show($("manage-message"), errorText(res.status, res.body));
        }
      }).catch(function () {
        show($("manage-message"), S.systemError);
      }).then(function () { button.disabled = false; });
    });
    var open = $("show-reschedule");
    if (open) open.addEventListener("click", function () {
      $("choose").hidden = false;
      if (!state.year) startPicker();
    });
    $("reschedule-button").addEventListener("click", function () {
      if (!state.slot) return;
      var button = this;
      var slot = state.slot;
      button.disabled = true;
      post(config.rescheduleUrl, { token: config.token, start: slot.start, timezone: state.zone }).then(function (res) {
        if (res.status === 200) {
          config.start = res.body.start;
          config.end = res.body.end;
          showCurrent();
          state.slot = null;
          hideDetails();
          show($("manage-message"), res.body.message + " " + describe(slot, state.zone), true);
          show($("picker-message"), "");
          return load();
        } else if (res.body && S.taken.indexOf(res.body.message) >= 0) {
          return taken();
        }
        show($("picker-message"), errorText(res.status, res.body));
      }).catch(function () {
        show($("picker-message"), S.systemError);
      }).then(function () { button.disabled = false; });
    });
  }

  function startPicker() {
    var today = todayIn(state.zone).split("-");
    state.year = +today[0];
    state.month = +today[1];
    $("prev-month").addEventListener("click", function () { moveMonth(-1); });
    $("next-month").addEventListener("click", function () { moveMonth(1); });
    load();
  }

  setupZone();
  if (config.mode === "book") {
    setupBooking();
    startPicker();
  } else {
    setupManage();
  }
})();
