// What the server keeps of text a car owner or staff member writes for others to read (posts,
// comments, articles, contributions). Every such field passes through here before it is stored,
// so a page that forgets to escape still shows nothing executable. Built on sanitize-html, a
// maintained sanitiser: hand-written tag stripping misses the odd parser case.
import sanitizeHtml from 'sanitize-html';

/** Elements whose content is code or a widget, not text: dropped with what is inside them. */
const NON_TEXT_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'iframe',
  'object',
  'embed',
  'template',
  'svg',
  'math',
  'head',
  'title',
];

const ENTITY: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * Plain text from what a user typed: every tag and its attributes removed (script, style and the
 * like with their content), the text itself kept as typed. What comes back is text, not HTML: it
 * is escaped where it is shown (React does; a server-rendered page must).
 */
export function sanitizePlainText(input: string): string {
  const stripped = sanitizeHtml(input, {
    allowedTags: [],
    allowedAttributes: {},
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
  });
  // sanitize-html answers HTML, escaping the text's own & < > "; plain text wants them back.
  return stripped.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITY[e] ?? e).trim();
}

/** Tags a rich-text body may keep (an article, a magazine page): structure and emphasis only. */
const RICH_TAGS = [
  'p',
  'br',
  'h2',
  'h3',
  'h4',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'img',
  'figure',
  'figcaption',
  'hr',
  'code',
  'pre',
];

/**
 * HTML that is safe to show as it is: the tags of a written piece, links only to http(s) and
 * mail addresses (opened with rel="noopener noreferrer nofollow"), images only from http(s) or
 * the site's own paths; no script, style, event handler or `javascript:` URL survives.
 */
export function sanitizeRichHtml(input: string): string {
  return sanitizeHtml(input, {
    allowedTags: RICH_TAGS,
    allowedAttributes: {
      // rel and target are set by the transform below, whatever the input said.
      a: ['href', 'title', 'rel', 'target'],
      img: ['src', 'alt', 'width', 'height'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', {
        rel: 'noopener noreferrer nofollow',
        target: '_blank',
      }),
    },
  }).trim();
}

const LINK =
  /\bhttps?:\/\/|\bwww\.[^\s.]+\.[a-z]{2,}|\b[a-z0-9-]+\.(?:com|cn|net|org|io|me|cc|top|xyz)\b/i;

/** True when the text holds something a reader could follow as a link (moderation holds those). */
export function containsLink(text: string): boolean {
  return LINK.test(text);
}
