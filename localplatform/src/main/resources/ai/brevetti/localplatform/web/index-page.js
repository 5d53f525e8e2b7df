// The front page's script: keeps the runs ticked for comparison across pages, sorts and filters (in this
// tab's sessionStorage), and enables "Compare selected" for 2 to 10 of them. Without it the page still
// works: the form sends the runs ticked on the page shown.
(function () {
  'use strict';

  const MIN = 2;
  const MAX = 10;
  const KEY = 'brevettiai.compare.selection';
  const form = document.getElementById('compare-form');
  if (!form) {
    return;
  }
  const button = document.getElementById('compare-button');
  const note = document.getElementById('selection-note');
  const clear = document.getElementById('clear-selection');

  function load() {
    try {
      const ids = JSON.parse(window.sessionStorage.getItem(KEY) || '[]');
      return Array.isArray(ids) ? ids.filter(function (id) { return typeof id === 'string'; }) : [];
    } catch (e) {
      return [];
    }
  }

  let selected = load();

  function save() {
    window.sessionStorage.setItem(KEY, JSON.stringify(selected));
  }

  function boxes() {
    return Array.from(form.querySelectorAll('input[type=checkbox][name=ids]'));
  }

  // the runs ticked on other pages go with the form as hidden fields
  function update() {
    form.querySelectorAll('input[type=hidden][name=ids]').forEach(function (e) { e.remove(); });
    const here = new Set(boxes().map(function (b) { return b.value; }));
    selected.forEach(function (id) {
      if (!here.has(id)) {
        const hidden = document.createElement('input');
        hidden.type = 'hidden';
        hidden.name = 'ids';
        hidden.value = id;
        form.appendChild(hidden);
      }
    });
    const n = selected.length;
    button.disabled = n < MIN || n > MAX;
    clear.hidden = n === 0;
    form.dataset.selected = String(n);
    note.textContent = n === 0 ? 'Select ' + MIN + ' to ' + MAX + ' runs to compare them.'
      : n + (n === 1 ? ' run' : ' runs') + ' selected' + (n < MIN ? ': select at least ' + MIN + '.'
        : n > MAX ? ': at most ' + MAX + ' can be compared.' : ' (on any page).');
  }

  boxes().forEach(function (box) {
    box.checked = selected.includes(box.value);
    box.addEventListener('change', function () {
      selected = selected.filter(function (id) { return id !== box.value; });
      if (box.checked) {
        selected.push(box.value);
      }
      save();
      update();
    });
  });

  clear.addEventListener('click', function () {
    selected = [];
    save();
    boxes().forEach(function (b) { b.checked = false; });
    update();
  });

  // a filter choice applies at once
  ['filter-status', 'filter-kind', 'filter-size'].forEach(function (id) {
    const select = document.getElementById(id);
    if (select) {
      select.addEventListener('change', function () { select.form.submit(); });
    }
  });

  update();
})();
