import { Lexer, Marked, type MarkedOptions, type Rules } from 'marked';

/**
 * RFC 5321's limit on an address's local part. marked's GFM rules look for a bare email
 * address with an unbounded run (`[A-Za-z0-9._+-]+@`) from every place a token may start, so a
 * long run of such characters with no `@` after it (a 100,000-letter word, `a_a_a_…`) is read
 * in quadratic time: 34 seconds for one word. Bounded, each look costs at most 64 characters;
 * a "local part" longer than that was never an address (markedjs/marked#4024 makes the same change).
 */
export const EMAIL_LOCAL_PART_MAX = 64;

/** The unbounded runs of marked's GFM `text` and `url` rules, each followed by the `@` it looks for. */
const UNBOUNDED_RUNS = ["[a-zA-Z0-9.!#$%&'*+\\/=?_`{\\|}~-]+@", '[A-Za-z0-9._+-]+@', '[A-Za-z0-9._+-]+(@)'];

/** `rule` with each unbounded run before an `@` bounded; the count tells a test that marked's rules still have them. */
export function boundEmailRuns(rule: RegExp): { rule: RegExp; replaced: number } {
  let source = rule.source;
  let replaced = 0;
  for (const run of UNBOUNDED_RUNS) {
    const parts = source.split(run);
    replaced += parts.length - 1;
    source = parts.join(run.replace(/\]\+(?=\(?@)/, `]{1,${EMAIL_LOCAL_PART_MAX}}`));
  }
  return { rule: new RegExp(source, rule.flags), replaced };
}

/** The inline text each open `inlineTokens` call reads, innermost last (marked is synchronous). */
const runs: { text: string; lastIndex?: Map<string, number> }[] = [];

/**
 * Raw HTML that only ends at a terminator: `<!--` at `-->`, `<?` at `?>`, `<![CDATA[` at `]]>`,
 * `<!DOCTYPE …` at `>`; where the terminator may first stand, counted from the `<`.
 */
function terminatorOf(text: string): { closer: string; from: number } | undefined {
  if (text.startsWith('<!--')) return text.startsWith('<!-->') || text.startsWith('<!--->') ? undefined : { closer: '-->', from: 4 };
  if (text.startsWith('<?')) return { closer: '?>', from: 2 };
  if (text.startsWith('<![CDATA[')) return { closer: ']]>', from: 9 };
  if (text.startsWith('<!') && /^<![a-zA-Z]/.test(text)) return { closer: '>', from: 3 };
  return undefined;
}

/**
 * marked's inline `tag` rule, answering at once where the text it is given has no terminator
 * left. The rule looks for it lazily to the end of the text from every `<` it is tried at (in
 * the text, and in each link's label), so a paragraph of unclosed `<!--` took seconds per
 * 100 kB. The text given is always the end of the inline run being read (marked reads by
 * cutting tokens off the front), so one search per run and terminator tells where the last one is.
 */
class TerminatedTagRule extends RegExp {
  override exec(text: string): RegExpExecArray | null {
    const run = runs[runs.length - 1];
    const terminator = text.charCodeAt(0) === 60 ? terminatorOf(text) : undefined;
    if (run && terminator && text.length <= run.text.length) {
      run.lastIndex ??= new Map();
      let last = run.lastIndex.get(terminator.closer);
      if (last === undefined) run.lastIndex.set(terminator.closer, (last = run.text.lastIndexOf(terminator.closer)));
      if (last < run.text.length - text.length + terminator.from) return null;
    }
    return super.exec(text);
  }
}

const linearInline = new WeakMap<Rules['inline'], Rules['inline']>();
/** The inline rules linearRules made: given them again, it has nothing to do. */
const made = new WeakSet<Rules['inline']>();

/** marked's rules with the email runs bounded and the tag rule answering without a search where it can. */
function linearRules(rules: Rules): Rules {
  if (made.has(rules.inline)) return rules;
  // Each lexer has rules of its own, sharing marked's rule objects: those are made linear once.
  let inline = linearInline.get(rules.inline);
  if (!inline) {
    const { tag, text, url } = rules.inline;
    inline = { ...rules.inline, text: boundEmailRuns(text).rule, url: boundEmailRuns(url).rule, tag: new TerminatedTagRule(tag.source, tag.flags) };
    linearInline.set(rules.inline, inline);
    made.add(inline);
  }
  return { ...rules, inline };
}

/**
 * marked's Lexer reading with linearRules, and keeping track of the inline run it reads (for
 * TerminatedTagRule). lex-markdown.ts reads every segment of a deck with it.
 */
export class LinearLexer extends Lexer {
  constructor(options: MarkedOptions) {
    super(options);
    // The lexer has just given the tokenizer its rules: swap them for the linear ones.
    const tokenizer = this.options.tokenizer;
    if (tokenizer) tokenizer.rules = linearRules(tokenizer.rules);
  }

  override inlineTokens(src: string, tokens?: Parameters<Lexer['inlineTokens']>[1]): ReturnType<Lexer['inlineTokens']> {
    runs.push({ text: src });
    try {
      return super.inlineTokens(src, tokens);
    } finally {
      runs.pop();
    }
  }
}

/** The Markdown reader of a deck: GFM, every segment read with LinearLexer (lex-markdown.ts). */
export function createMarked(): Marked {
  return new Marked({ gfm: true });
}
