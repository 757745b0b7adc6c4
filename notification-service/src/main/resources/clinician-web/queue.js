// The work queue, kept current without a reload: the alert feed (server-sent events, sent with this page's
// session cookie) says when an alert is raised, escalated or acknowledged; the lists are then fetched again from
// /queue (the same template, drawn on the server) and swapped in. A timer refreshes the waiting times.
(function () {
  'use strict';
  var lists = document.getElementById('queue-lists');
  var status = document.getElementById('live-status');
  if (!lists || !status || !window.EventSource || !window.fetch) {
    return; // the page still works: reloading it shows the current queue
  }
  var loading = false;
  var again = false;

  function say(text) {
    if (status.textContent !== text) {
      status.textContent = text;
    }
  }

  function reload() {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    fetch('/queue', {credentials: 'same-origin', redirect: 'manual', headers: {'Accept': 'text/html'}})
      .then(function (response) {
        if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
          say('Signed out: reload the page to sign in again.');
          return null;
        }
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        // keep the keyboard where it was when the row it was on is redrawn
        var focused = document.activeElement && lists.contains(document.activeElement)
          ? document.activeElement.closest('tr') : null;
        var focusedId = focused ? focused.getAttribute('data-alert-id') : null;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('queue-lists');
        if (fresh) {
          lists.replaceChildren.apply(lists, Array.prototype.slice.call(fresh.childNodes));
        }
        if (focusedId) {
          var row = lists.querySelector('tr[data-alert-id="' + focusedId + '"] button');
          if (row) {
            row.focus();
          }
        }
      })
      .catch(function () {
        say('Could not refresh the queue; retrying.');
      })
      .finally(function () {
        loading = false;
        if (again) {
          again = false;
          reload();
        }
      });
  }

  var feed = new EventSource('/alerts/feed');
  ['alert-raised', 'alert-escalated', 'alert-acknowledged'].forEach(function (name) {
    feed.addEventListener(name, reload);
  });
  feed.onopen = function () {
    say('Live: new alerts appear here as they arrive.');
    reload(); // anything that happened while the connection was down
  };
  feed.onerror = function () {
    say('Connection lost; reconnecting…');
  };
  setInterval(reload, 30000);
})();
