// Runs inside the gallery's Chromium page, after the adaptivecards UMD build: the markdown Teams
// renders in a TextBlock (a small subset, done here because no markdown library is installed) and
// the function that draws one card. Plain browser JavaScript, loaded with a script tag.
/* global window, document, AdaptiveCards */

(function () {
  const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

  // Inline marks: a backslash makes the next mark literal (escapeMarkdown relies on it); HTML is never
  // passed through, as Teams drops it; **bold**, *italic* / _italic_, [links](url).
  // Escaped marks wait in private-use characters while the marks around them are turned into HTML.
  function inline(text) {
    const literals = [];
    let s = text.replace(/\\([\\`*_~[\]{}()#+\-.!>|])/g, (_m, c) => {
      literals.push(c);
      return `\uE000${literals.length - 1}\uE001`;
    });
    s = escapeHtml(s);
    s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label, url) => `<a href="${url}">${label}</a>`);
    s = s.replace(/\*\*(?=\S)(.+?)\*\*/g, '<strong>$1</strong>').replace(/__(?=\S)(.+?)__/g, '<strong>$1</strong>');
    s = s.replace(/\*(?=\S)(.+?)\*/g, '<em>$1</em>').replace(/(^|[^\w])_(?=\S)(.+?)_(?![\w])/g, '$1<em>$2</em>');
    return s.replace(/\uE000(\d+)\uE001/g, (_m, i) => escapeHtml(literals[Number(i)]));
  }

  // Blocks: "- " / "* " / "+ " bullets, "1. " numbered lists, blank lines between paragraphs, and a
  // single newline as a line break (Teams keeps the lines of a TextBlock apart).
  function markdown(text) {
    const out = [];
    let paragraph = [];
    let list = null;
    const flushParagraph = () => {
      if (paragraph.length) out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
      paragraph = [];
    };
    const flushList = () => {
      if (list) out.push(`<${list.tag}${list.start > 1 ? ` start="${list.start}"` : ''}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${list.tag}>`);
      list = null;
    };
    for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
      const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
      const numbered = /^\s*(\d+)\.\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        flushParagraph();
        const tag = bullet ? 'ul' : 'ol';
        if (list && list.tag !== tag) flushList();
        // A numbered list starts at its first number, as in Teams ("3. Emne" shows 3, not 1).
        list = list ?? { tag, start: numbered ? Number(numbered[1]) : 1, items: [] };
        list.items.push(bullet ? bullet[1] : numbered[2]);
      } else if (line.trim() === '') {
        flushParagraph();
        flushList();
      } else {
        flushList();
        paragraph.push(line);
      }
    }
    flushParagraph();
    flushList();
    return out.join('');
  }

  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };

  // Debian's Chromium carries only its en-US locale, so a native date or time input would show
  // 12/07/2026 and 12:00 PM; Teams shows the user's locale. Drawn as text in Danish formats instead.
  const DANISH_DATE = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' });
  function showDatesAsTeams(host) {
    for (const input of Array.from(host.querySelectorAll('input[type="date"], input[type="time"]'))) {
      const isDate = input.type === 'date';
      const value = input.value;
      input.type = 'text';
      input.classList.add(isDate ? 'gallery-date' : 'gallery-time');
      if (!value) continue;
      input.value = isDate ? DANISH_DATE.format(new Date(`${value}T00:00:00Z`)) : value.slice(0, 5).replace(':', '.');
    }
  }

  /** Draws one card into #card and returns all it shows (text, field values, choices) for checks. */
  window.drawCard = function (cardJson, hostConfigJson) {
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(hostConfigJson);
    const context = new AdaptiveCards.SerializationContext();
    card.parse(cardJson, context);
    const problems = [];
    for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
    const element = card.render();
    const host = document.getElementById('card');
    host.replaceChildren(element);
    showDatesAsTeams(host);
    const fieldTexts = Array.from(host.querySelectorAll('input, textarea, option')).map((f) => (f.tagName === 'OPTION' ? f.textContent : f.value) || '');
    const placeholders = Array.from(host.querySelectorAll('[placeholder]')).map((f) => f.getAttribute('placeholder'));
    return { text: [host.innerText, ...fieldTexts, ...placeholders].join('\n'), problems };
  };
})();
