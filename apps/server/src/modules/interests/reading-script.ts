// The script public pages include to report reading (`<script src="/reading.js" data-subject-type
// data-subject-id defer>`). It authenticates exactly as the app does, with nothing new to leak:
// the app's `lk_app` session cookie (HttpOnly, path /) goes with same-origin requests, and the
// CSRF token comes from `GET /api/v1/app/me`, which only a same-origin page can read (no CORS).
// Signed out, or signed in with another business than the page's `/site/{slug}/`, it does
// nothing. It reports opened on load, progress with the running seconds and scroll depth when the
// page is hidden, and finished once the end of the page is reached.
export const READING_SCRIPT = `(function () {
  'use strict';
  var s = document.currentScript;
  if (!s || !window.fetch || !window.JSON) return;
  var type = s.getAttribute('data-subject-type');
  var id = s.getAttribute('data-subject-id');
  if (!type || !id) return;
  var csrf = null, finished = false, depth = 0, shown = 0, since = Date.now();
  function seconds() {
    var visible = document.visibilityState === 'hidden' ? 0 : Date.now() - since;
    return Math.min(7200, Math.round((shown + visible) / 1000));
  }
  function post(event, keepalive) {
    if (!csrf) return;
    var body = { subjectType: type, subjectId: id, event: event };
    if (event !== 'opened') {
      body.seconds = seconds();
      body.depth = Math.round(depth * 100) / 100;
    }
    fetch('/api/v1/app/reading-events', {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: !!keepalive,
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body)
    }).catch(function () {});
  }
  function measure() {
    var el = document.documentElement;
    var max = Math.max(1, el.scrollHeight - window.innerHeight);
    depth = Math.max(depth, Math.min(1, (window.scrollY || el.scrollTop) / max));
    if (!finished && (depth >= 0.95 || el.scrollHeight <= window.innerHeight + 10)) {
      finished = true;
      depth = 1;
      post('finished');
    }
  }
  function start() {
    post('opened');
    window.addEventListener('scroll', measure, { passive: true });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') {
        shown += Date.now() - since;
        post('progress', true);
      } else since = Date.now();
    });
    setTimeout(measure, 1000);
  }
  var m = /^\\/site\\/([^/]+)\\//.exec(location.pathname);
  fetch('/api/v1/app/me', { credentials: 'same-origin' })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (me) {
      if (!me || !me.csrfToken) return;
      if (m && me.customer && me.customer.tenant && me.customer.tenant.slug !== decodeURIComponent(m[1])) return;
      csrf = me.csrfToken;
      start();
    })
    .catch(function () {});
})();
`;
