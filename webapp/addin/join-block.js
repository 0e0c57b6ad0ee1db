// Puts the meeting's join block into an appointment's body: replaces the block an earlier run put there, or adds one
// at the end, so that a body never holds two. The block is found by its marker, which Outlook keeps: a class on the
// HTML block's element (Outlook may prefix ids, not classes) and two marker lines around the text block.

export const BLOCK_CLASS = 'vestibule-join-block';
export const TEXT_START = '-- Vestibule --';
export const TEXT_END = '-- /Vestibule --';

/** The HTML body with {@code blockHtml} (the service's sanitised block) in place of any earlier block. */
export function withHtmlBlock(bodyHtml, blockHtml) {
  const document = new DOMParser().parseFromString(bodyHtml || '', 'text/html');
  const block = document.createElement('div');
  block.className = BLOCK_CLASS;
  block.innerHTML = blockHtml;
  const earlier = [...document.querySelectorAll(`.${BLOCK_CLASS}, [class*="${BLOCK_CLASS}"]`)];
  if (earlier.length > 0) {
    earlier[0].replaceWith(block);
    earlier.slice(1).forEach((element) => element.remove());
  } else {
    document.body.append(block);
  }
  return `<!DOCTYPE html>${document.documentElement.outerHTML}`;
}

/** The plain-text body with {@code blockText} between the marker lines, in place of any earlier block. */
export function withTextBlock(bodyText, blockText) {
  const lines = (bodyText || '').replace(/\r\n/g, '\n').split('\n');
  const kept = [];
  let inside = false;
  let at = -1;
  for (const line of lines) {
    if (!inside && line.trim() === TEXT_START) {
      inside = true;
      if (at < 0) at = kept.length;
    } else if (inside && line.trim() === TEXT_END) {
      inside = false;
    } else if (!inside) {
      kept.push(line);
    }
  }
  const block = [TEXT_START, ...blockText.replace(/\r\n/g, '\n').split('\n'), TEXT_END];
  if (at < 0) {
    while (kept.length > 0 && kept[kept.length - 1].trim() === '') kept.pop();
    return [...kept, ...(kept.length > 0 ? [''] : []), ...block].join('\n');
  }
  return [...kept.slice(0, at), ...block, ...kept.slice(at)].join('\n');
}
