import { Parser, Renderer, type Token, type Tokens } from 'marked';
import type { Annotations } from '../deck/annotate-tokens.js';
import { findHtmlReferences, replaceReferences } from '../deck/html-references.js';
import { escapeHtml, renderAttributes } from './escape.js';
import { parseFenceInfo, renderCodeBlock, takeStepIndex } from './code-block.js';

export interface MarkdownRenderOptions {
  /** Where a local file the deck refers to ends up, relative to the page; undefined keeps the URL. */
  assetUrl?: (url: string) => string | undefined;
  /** Rendered SVG by diagram id; a diagram without one shows its source. */
  diagrams?: ReadonlyMap<string, string>;
  /** Code with steps (```` ```js [1|3-5] ````): every step as a fragment (default), or only the code, once (paper). */
  codeSteps?: 'fragments' | 'final';
  /** False: code is shown plain (a deck with more code than colourCodeIn allows). */
  colourCode?: boolean;
  /**
   * Block elements and images carry their place in the deck file (`data-lectern-line`,
   * `data-lectern-column`), so the layout check (`check --render`) reports an overflow at the
   * element that overflows. Off for the decks people open: a line number in every tag is noise.
   */
  sourcePositions?: boolean;
}

type Annotated<T> = T & Annotations;

/**
 * marked's HTML renderer plus lectern's additions: `.element` attributes on the element's own
 * tag, build-time code highlighting, diagrams, and local image URLs rewritten to the copies.
 */
class LecternRenderer extends Renderer {
  constructor(private readonly lectern: MarkdownRenderOptions) {
    super();
  }

  override code(token: Annotated<Tokens.Code>): string {
    if (token.lecternDiagram) return this.located(token, withAttributes(token, this.diagram(token.lecternDiagram, token.text)));
    const info = parseFenceInfo(token.lang);
    const { fragmentIndex, attributes } = takeStepIndex(info, token.lecternAttrs);
    const html = renderCodeBlock(token.text.replace(/\n$/, ''), info, {
      steps: this.lectern.codeSteps ?? 'fragments',
      colour: this.lectern.colourCode ?? true,
      ...(fragmentIndex === undefined ? {} : { fragmentIndex }),
    });
    return this.located(token, withAttributes({ lecternAttrs: attributes }, html));
  }

  /** Adds the token's line and column to its first tag, when asked (see sourcePositions). */
  private located(token: Annotations, html: string): string {
    const at = token.lecternPosition;
    if (!this.lectern.sourcePositions || !at) return html;
    return withAttributes({ lecternAttrs: { 'data-lectern-line': String(at.line), 'data-lectern-column': String(at.column) } }, html);
  }

  private diagram(id: string, source: string): string {
    const svg = this.lectern.diagrams?.get(id);
    const body = svg ?? `<pre class="lectern-diagram__source"><code class="language-mermaid">${escapeHtml(source)}</code></pre>`;
    // The SVG is the picture (role="img", its title and description): a figure around it would be
    // a second, nameless Figure in the tagged PDFs, which PDF/UA checkers flag.
    return `<figure class="lectern-diagram" role="none" data-diagram="${id}"${svg ? '' : ' data-rendered="false"'}>${body}</figure>\n`;
  }

  /** Raw HTML as written, but every file it names (src, poster, srcset, href…) pointing at the copy. */
  override html(token: Annotated<Tokens.HTML | Tokens.Tag>): string {
    if (token.lecternHidden) return '';
    // Raw HTML is located only as a block that starts with a tag (a comment or text has none to carry it).
    const located = (html: string) => (token.block && /^\s*<[A-Za-z]/.test(html) ? this.located(token, html) : html);
    const assetUrl = this.lectern.assetUrl;
    if (!assetUrl) return located(token.text);
    return located(replaceReferences(token.text, findHtmlReferences(token.text), (url) => {
      const local = assetUrl(url);
      return local === undefined ? undefined : escapeHtml(local);
    }));
  }

  override image(token: Annotated<Tokens.Image>): string {
    // A Marp background image draws the slide's background, not an element.
    if (token.lecternHidden) return '';
    const local = this.lectern.assetUrl?.(token.href);
    const rewritten = local === undefined ? token : { ...token, href: local };
    return this.located(token, withAttributes(token, super.image(rewritten)));
  }

  /**
   * A slide's lone image (deck/lone-images.ts) is the one child of a paragraph that reveal.js
   * stretches (`r-stretch`) to the height the slide leaves, on screen and in the print view;
   * lectern.css fits the image inside it.
   */
  override paragraph(token: Annotated<Tokens.Paragraph>): string {
    if (token.lecternHidden) return '';
    if (token.lecternFit) {
      const classes = token.lecternFit === 'fill' ? 'lectern-fit lectern-fit--fill r-stretch' : 'lectern-fit r-stretch';
      return this.located(token, withAttributes(token, `<p class="${classes}">${this.parser.parseInline(token.tokens)}</p>\n`));
    }
    return this.located(token, withAttributes(token, super.paragraph(token)));
  }
  override heading(token: Annotated<Tokens.Heading>): string {
    return this.located(token, withAttributes(token, super.heading(token)));
  }
  override list(token: Annotated<Tokens.List>): string {
    return this.located(token, withAttributes(token, super.list(token)));
  }
  override listitem(token: Annotated<Tokens.ListItem>): string {
    return this.located(token, withAttributes(token, super.listitem(token)));
  }
  override blockquote(token: Annotated<Tokens.Blockquote>): string {
    return this.located(token, withAttributes(token, super.blockquote(token)));
  }
  override table(token: Annotated<Tokens.Table>): string {
    return this.located(token, withAttributes(token, super.table(token)));
  }
  override tablecell(token: Annotated<Tokens.TableCell>): string {
    return withAttributes(token, super.tablecell(token));
  }
  override hr(token: Annotated<Tokens.Hr>): string {
    return this.located(token, withAttributes(token, super.hr(token)));
  }
  override strong(token: Annotated<Tokens.Strong>): string {
    return withAttributes(token, super.strong(token));
  }
  override em(token: Annotated<Tokens.Em>): string {
    return withAttributes(token, super.em(token));
  }
  override codespan(token: Annotated<Tokens.Codespan>): string {
    return withAttributes(token, super.codespan(token));
  }
  override del(token: Annotated<Tokens.Del>): string {
    return withAttributes(token, super.del(token));
  }
  /** A link to a file the deck ships points at its copy; links to pages and decks stay as written. */
  override link(token: Annotated<Tokens.Link>): string {
    const local = this.lectern.assetUrl?.(token.href);
    const rewritten = local === undefined ? token : { ...token, href: local };
    return withAttributes(token, super.link(rewritten));
  }
}

/** Adds `.element` attributes to the first start tag of `html`, merging `class`. */
function withAttributes(token: Annotations, html: string): string {
  const attributes = token.lecternAttrs;
  if (!attributes) return html;
  const match = /^(\s*<[A-Za-z][\w-]*)([^>]*?)(\/?>)/.exec(html);
  if (!match) return html;
  let existing = match[2] ?? '';
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const present = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}="([^"]*)"`).exec(existing);
    if (present && name === 'class') existing = existing.replace(present[0], ` class="${present[1]} ${escapeHtml(value)}"`);
    else if (present) existing = existing.replace(present[0], renderAttributes({ [name]: value }));
    else extra[name] = value;
  }
  return `${match[1]}${existing}${renderAttributes(extra)}${match[3]}${html.slice(match[0].length)}`;
}

/** One renderer per build: it holds the asset map and the diagrams of that build. */
export function createMarkdownRenderer(options: MarkdownRenderOptions): (tokens: Token[]) => string {
  // A Parser is given the renderer instance directly: marked's use() would copy only own
  // enumerable properties and so miss the overriding class methods.
  const parser = new Parser({ gfm: true, renderer: new LecternRenderer(options) });
  return (tokens) => parser.parse(tokens);
}
