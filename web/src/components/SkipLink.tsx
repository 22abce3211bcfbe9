/**
 * « Aller au contenu »: the first focusable element of every page (rendered before the router), hidden
 * until it has the keyboard focus. It moves the focus to the page's <main>, past the header and the
 * navigation, without changing the URL (the router owns it).
 */
export function SkipLink() {
  return (
    <a
      className="movsc-skip-link"
      href="#contenu"
      onClick={(event) => {
        const main = document.querySelector<HTMLElement>('main');
        if (!main) return;
        event.preventDefault();
        if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
        main.focus();
        main.scrollIntoView();
      }}
    >
      Aller au contenu
    </a>
  );
}
