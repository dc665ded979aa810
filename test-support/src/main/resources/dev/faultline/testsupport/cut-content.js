/*
 * What a projector would not show: every piece of text, image, drawing or chart under a root element that is cut or
 * drawn over something else. Each text node's lines, and each img/svg/canvas/video/pre/table, must lie inside the box
 * given (the viewport, or a slide without its padding) and inside each of its block ancestors: one that clips
 * (overflow other than visible) cuts it, any other lets it spill over what follows. No element that clips may hold
 * more than it shows (scrollWidth > clientWidth, which is also what an active text-overflow: ellipsis means).
 * Elements matching the skip selector, and their content, are left out: text cut on purpose, the rest of it in a
 * tooltip. Answers one line per problem, empty when everything fits. Used by HeadlessChromium.cutContent.
 *
 * Arguments: the root element; the box: 'content-box' (the root's, without its padding) or null (the viewport); the
 * skip selector.
 */
function cutContent(root, box, skip) {
  const SLACK = 1.5;
  const contentBox = () => {
    // A slide scaled to the window (reveal.js): its padding is scaled too.
    const rect = root.getBoundingClientRect();
    const scale = rect.width / root.offsetWidth;
    const style = getComputedStyle(root);
    const px = (value) => parseFloat(value) * scale;
    return { left: rect.left + px(style.paddingLeft), top: rect.top + px(style.paddingTop),
      right: rect.right - px(style.paddingRight), bottom: rect.bottom - px(style.paddingBottom) };
  };
  const area = box === 'content-box' ? contentBox()
    : box || { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
  const problems = [];
  // One line per element: a label that is too wide is not reported again as cut by itself.
  const reported = new Set();
  const visible = (el) => {
    const style = getComputedStyle(el);
    return style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0;
  };
  const name = (el) => {
    let text = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    const field = el.getAttribute && el.getAttribute('data-field');
    return field ? text + '[data-field=' + field + ']' : text;
  };
  const clips = (el) => getComputedStyle(el).overflowX !== 'visible' || getComputedStyle(el).overflowY !== 'visible';
  const skipped = (el) => skip && el.closest(skip) !== null;
  const outside = (rect, limit) => rect.left < limit.left - SLACK || rect.right > limit.right + SLACK
    || rect.top < limit.top - SLACK || rect.bottom > limit.bottom + SLACK;
  const limits = (el) => {
    const found = [{ rect: area, what: box ? 'the padding of ' + name(root) + ' (its edge, a footer)' : 'the viewport' }];
    for (let a = el; a && a !== root.parentElement; a = a.parentElement) {
      if (clips(a)) {
        found.push({ rect: a.getBoundingClientRect(), what: name(a) });
      }
      else if (getComputedStyle(a).display !== 'inline' && a.namespaceURI === 'http://www.w3.org/1999/xhtml') {
        // Text that spills out of a box that does not clip it is drawn over whatever comes next.
        found.push({ rect: a.getBoundingClientRect(), what: name(a) + ', drawn over what follows' });
      }
    }
    return found;
  };
  const check = (what, rects, el) => {
    if (reported.has(el)) {
      return;
    }
    for (const limit of limits(el)) {
      for (const rect of rects) {
        if (rect.width > 0 && rect.height > 0 && outside(rect, limit.rect)) {
          problems.push(what + ' is cut by ' + limit.what);
          reported.add(el);
          return;
        }
      }
    }
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (skipped(node) || !visible(node)) {
        continue;
      }
      if (clips(node) && node.scrollWidth > node.clientWidth + 1 && node.textContent.trim() !== '') {
        problems.push(name(node) + ' "' + node.textContent.trim().slice(0, 40) + '" is wider than its box ('
          + node.scrollWidth + ' > ' + node.clientWidth + ' px)');
        reported.add(node);
      }
      if (/^(IMG|svg|CANVAS|VIDEO|PRE|TABLE)$/.test(node.tagName)) {
        check(name(node), [node.getBoundingClientRect()], node.parentElement);
      }
    }
    else if (node.textContent.trim() !== '') {
      const parent = node.parentElement;
      if (!parent || skipped(parent) || !visible(parent)) {
        continue;
      }
      const range = document.createRange();
      range.selectNodeContents(node);
      // A glyph box is taller than a tight line-height: a line counts as cut when more than a fifth of it is.
      const lines = Array.from(range.getClientRects()).map((r) => new DOMRect(r.x, r.y + r.height / 5, r.width,
        r.height * 3 / 5));
      check(name(parent) + ' "' + node.textContent.trim().slice(0, 40) + '"', lines, parent);
    }
  }
  return problems;
}
