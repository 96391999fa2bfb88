// Progressive enhancement only: every form here also works without JavaScript.
(function () {
  'use strict';

  // Ask before an action that cannot be undone (decline, won, lost, remove).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var message = form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);

  // The heart toggles in place; without script the same form posts and redirects back.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains('favorite-form') || event.defaultPrevented) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector('button');
    button.disabled = true;
    fetch(form.action, {
      method: 'POST',
      body: new FormData(form),
      headers: { 'Accept': 'application/json' },
      credentials: 'same-origin'
    }).then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.json();
    }).then(function (result) {
      var label = result.favorite ? 'Remove from favorites' : 'Add to favorites';
      button.classList.toggle('is-favorite', result.favorite);
      button.setAttribute('aria-pressed', result.favorite ? 'true' : 'false');
      button.setAttribute('aria-label', label);
      button.setAttribute('title', label);
    }).catch(function () {
      form.submit();
    }).finally(function () {
      button.disabled = false;
    });
  });
})();
