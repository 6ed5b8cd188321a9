import { CST, type Document, isCollection, isScalar, Lexer, visit, type YAMLMap } from 'yaml';
import { MAX_NESTING } from './nesting-depth.js';

/**
 * Checks on YAML that the `yaml` package would otherwise pay for with its own stack or time:
 * its parser calls itself per level of nesting (4,000 `- ` on a line overflow it), its unique-key
 * check compares every key with every other, and turning a document whose keys are lists or
 * mappings into values writes each such key out again at every level (300 nested `? ` take 13 s).
 */

/** Markers the lexer yields that are not text of the source. */
const NOT_IN_SOURCE = new Set([CST.DOCUMENT, CST.SCALAR, CST.FLOW_END]);

/**
 * Where the YAML first nests deeper than `limit`, from the lexer's tokens (which know quotes,
 * comments and block scalars) without parsing: each flow `[`/`{` is a level, and so is each block
 * indentation still open and each `-`, `?` or `:` written on the line. Undefined when it does not.
 */
export function findDeepYaml(text: string, limit = MAX_NESTING): number | undefined {
  /** Indentations of the block levels open above the current line. */
  const indents: number[] = [];
  let offset = 0;
  let flow = 0;
  let lineStart = true;
  let indent = 0;
  let indicators = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === 'newline') {
      lineStart = true;
      indent = 0;
      indicators = 0;
    } else if (type === 'space' && lineStart && !token.includes('\n')) indent = token.length;
    else if (!NOT_IN_SOURCE.has(token) && type !== 'comment') {
      if (lineStart && flow === 0) {
        while ((indents[indents.length - 1] ?? -1) > indent) indents.pop();
        if (indents[indents.length - 1] !== indent) indents.push(indent);
      }
      lineStart = false;
      if (type === 'flow-seq-start' || type === 'flow-map-start') flow++;
      else if (type === 'flow-seq-end' || type === 'flow-map-end') flow = Math.max(0, flow - 1);
      else if (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind') indicators++;
      if (indents.length + indicators + flow > limit) return offset;
    }
    if (!NOT_IN_SOURCE.has(token)) offset += token.length;
  }
  return undefined;
}

/** Where the first problem with a mapping's keys stands: a key written twice, or a key that is a list or mapping. */
export function findBadKey(doc: Document.Parsed): { offset: number; kind: 'repeated' | 'collection' } | undefined {
  let found: { offset: number; kind: 'repeated' | 'collection' } | undefined;
  visit(doc, {
    Map(_, map: YAMLMap) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (isCollection(key)) found = { offset: key.range?.[0] ?? 0, kind: 'collection' };
        else if (isScalar(key) && seen.has(key.value)) found = { offset: key.range?.[0] ?? 0, kind: 'repeated' };
        else if (isScalar(key)) seen.add(key.value);
        if (found) return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}
