// The header and wide tables on any screen (issue 19). On narrow screens
// the navigation folds behind a "Menu" button (a disclosure: aria-expanded,
// aria-controls), so the first screen of a phone shows the page, not
// fifteen links. A table wider than its column scrolls within itself, not
// the page, and takes keyboard focus so it can be scrolled without a mouse.
// Without JavaScript the links stay listed and tables scroll by touch on
// phones (app.css).
(() => {
  const button = document.querySelector('.menu-toggle');
  const nav = document.getElementById('site-nav');
  const narrow = window.matchMedia('(max-width: 48rem)');

  const foldMenu = () => {
    if (!button || !nav) return;
    if (narrow.matches) {
      button.hidden = false;
      nav.hidden = button.getAttribute('aria-expanded') !== 'true';
    } else {
      button.hidden = true;
      nav.hidden = false;
    }
  };

  // A table wider than its column scrolls within itself (class "scrolls")
  // instead of widening the page, and takes keyboard focus so that it can
  // be scrolled without a mouse.
  const reachScrollingTables = () => {
    for (const table of document.querySelectorAll('main table')) {
      const room = table.parentElement ? table.parentElement.clientWidth : window.innerWidth;
      const wide = table.scrollWidth > room + 1;
      table.classList.toggle('scrolls', wide);
      if (wide) {
        table.tabIndex = 0;
      } else {
        table.removeAttribute('tabindex');
      }
    }
  };

  if (button) {
    button.addEventListener('click', () => {
      const open = button.getAttribute('aria-expanded') === 'true';
      button.setAttribute('aria-expanded', String(!open));
      foldMenu();
    });
  }
  narrow.addEventListener('change', () => { foldMenu(); reachScrollingTables(); });
  foldMenu();
  reachScrollingTables();
})();
