/** Mistakes in sequence, class, state, ER, gantt, gitGraph and pie diagrams. */
import { closest, find, type Mistake, type Rule, unclosedBlock, unclosedBrace } from './mermaid-mistake.js';

const SEQUENCE_KEYWORDS = ['participant', 'actor', 'autonumber', 'activate', 'deactivate', 'loop', 'alt', 'else', 'opt', 'par', 'and', 'critical', 'break', 'rect', 'box', 'end', 'note', 'create', 'destroy', 'title'];
const GIT_COMMANDS = ['commit', 'branch', 'checkout', 'switch', 'merge', 'cherry-pick'];

/**
 * gitGraph's merge errors, thrown while drawing, without a line: found by the `merge` line
 * when the message names the merged branch (group 1), else when there is only one.
 */
const MERGE_PROBLEMS: readonly (readonly [RegExp, (branch: string) => string])[] = [
  [/Branch to be merged \((.+?)\) does not exist/, (b) => `branch \`${b}\` does not exist: create it with \`branch ${b}\` before merging it`],
  [/Branch to be merged \((.+?)\) has no commits/, (b) => `branch \`${b}\` has no commits to merge: add a \`commit\` on it first`],
  [/Cannot merge branch '(.+?)' into itself/, (b) => `the current branch has no commit of its own, so \`merge ${b}\` would merge \`${b}\` into itself: add a \`commit\` before merging`],
  [/Cannot merge a branch to itself/, () => 'a branch cannot be merged into itself: `checkout` the branch that should receive it first'],
  [/Current branch \((?:.+?)\) ?has no commits/, () => 'the current branch has no commits yet: add a `commit` before merging into it'],
  [/Both branches have same head/, () => 'both branches point at the same commit: add a `commit` on one of them before merging'],
];

const is = (m: Mistake, ...types: string[]) => types.includes(m.type);
const endOf = (m: Mistake) => m.offset ?? m.source.length;
const atLineEnd = (m: Mistake) => ['NEWLINE', 'NL', 'EOF'].includes(m.read.found ?? '');
/** Offset of the first non-blank character of the line Mermaid stopped on. */
const lineTextStart = (m: Mistake) => endOf(m) - m.before.length + (m.before.search(/\S/) + 1 || 1) - 1;

const sequenceRules: Rule[] = [
  function unclosedSequenceBlock(m) {
    if (!is(m, 'sequenceDiagram') || m.read.found !== 'EOF' || !m.read.expected.includes('end')) return undefined;
    const block = unclosedBlock(m.source, endOf(m), /^(loop|alt|opt|par|par_over|critical|break|rect|box)$/);
    if (!block) return undefined;
    return { message: `the block \`${block.line}\` is never closed: add \`end\` on a line after its last message`, offset: block.offset };
  },
  function strayEnd(m) {
    if (!is(m, 'sequenceDiagram') || m.read.found !== 'end') return undefined;
    return { message: 'this `end` closes no block: remove it, or open one above it (`loop`, `alt`, `opt`, `par`, `critical`, `break`, `rect` or `box`)' };
  },
  function messageWithoutColon(m) {
    if (!is(m, 'sequenceDiagram') || m.read.expected.join() !== 'TXT' || !atLineEnd(m)) return undefined;
    const parts = /^(\s*\S+?(?:<<)?-{1,2}(?:>>|>|x|\))?\s*[^\s:]+)\s+(.+)$/.exec(m.before);
    if (!parts) return { message: 'a message needs `:` before its text, as in `A->>B: hello`' };
    return { message: `a message needs \`:\` before its text: write \`${(parts[1] ?? '').trim()}: ${(parts[2] ?? '').trim()}\``, offset: endOf(m) - m.before.length + (parts[1] ?? '').length };
  },
  function messageWithoutReceiver(m) {
    if (!is(m, 'sequenceDiagram') || !m.read.expected.includes('ACTOR') || m.read.found !== 'TXT') return undefined;
    const [, sender = 'A', arrow = '->>'] = /^\s*(.*?)([-<>x)]+)\s*$/.exec(m.before) ?? [];
    const receiver = sender === 'B' ? 'A' : 'B';
    return { message: `the arrow \`${arrow}\` needs the participant it goes to before \`:\`, as in \`${sender}${arrow}${receiver}${m.after.trim()}\`` };
  },
  function unknownArrow(m) {
    if (!is(m, 'sequenceDiagram') || m.read.found !== 'INVALID' || !m.read.expected.includes('SOLID_ARROW')) return undefined;
    // Mermaid reads `A=` of `A=>B` as the name: the arrow starts in what came before.
    const start = /[-=<>~.]*$/.exec(m.before)?.[0] ?? '';
    const arrow = start + (/^[^\s\w:]*/.exec(m.after)?.[0] ?? '');
    return {
      message: `\`${arrow}\` is not a sequence arrow: use \`->>\` (solid), \`-->>\` (dotted), \`->\` or \`-->\` (no arrowhead), \`-x\` (cross) or \`-)\` (async)`,
      offset: endOf(m) - start.length,
    };
  },
  function participantWithoutMessage(m) {
    if (!is(m, 'sequenceDiagram') || !m.read.expected.includes('SOLID_ARROW') || !atLineEnd(m)) return undefined;
    const word = m.before.trim();
    const guess = closest(word, SEQUENCE_KEYWORDS);
    const offset = lineTextStart(m);
    if (guess) return { message: `\`${word}\` is not a sequence keyword: did you mean \`${guess}\`?`, offset };
    return { message: `\`${word}\` alone is read as a participant: a message needs an arrow and a text, as in \`${word}->>B: hello\``, offset };
  },
  function notePlacement(m) {
    if (!is(m, 'sequenceDiagram') || !m.read.expected.includes('left_of')) return undefined;
    const place = /^(\s*note\s+)\S/i.exec(m.before);
    return {
      message: 'a note needs its place: `Note right of A: text`, `Note left of A: text` or `Note over A,B: text`',
      ...(place ? { offset: endOf(m) - m.before.length + (place[1] ?? '').length } : {}),
    };
  },
  function participantWithoutName(m) {
    const keyword = m.before.trim();
    if (!is(m, 'sequenceDiagram') || !m.read.lexical || (keyword !== 'participant' && keyword !== 'actor')) return undefined;
    return { message: `\`${keyword}\` needs a name: \`${keyword} Alice\`, or \`${keyword} A as Alice\``, offset: lineTextStart(m) };
  },
];

const classAndStateRules: Rule[] = [
  function unclosedBody(m) {
    const classBody = is(m, 'classDiagram', 'classDiagram-v2') && (m.read.found === 'EOF_IN_STRUCT' || (m.read.found === 'EOF' && m.read.expected.includes('STRUCT_STOP')));
    const stateBody = is(m, 'stateDiagram', 'stateDiagram-v2') && m.read.found === 'EOF' && m.read.expected.includes('STRUCT_STOP');
    const brace = classBody || stateBody ? unclosedBrace(m.source, endOf(m)) : undefined;
    if (brace === undefined) return undefined;
    const lineStart = m.source.lastIndexOf('\n', brace) + 1;
    const opened = m.source.slice(lineStart, brace + 1).trim();
    const what = classBody ? 'last member' : 'last state';
    return { message: `\`${opened}\` is never closed: add \`}\` on a line after its ${what}`, offset: brace };
  },
  function relationWithoutClass(m) {
    if (!is(m, 'classDiagram', 'classDiagram-v2') || !atLineEnd(m)) return undefined;
    const relation = /(?:<\||\*|o|<)?(?:--|\.\.)(?:\|>|\*|o|>)?$/.exec(m.before.trimEnd())?.[0];
    if (!relation) return undefined;
    return { message: `a relation needs a class on each side: write the class after \`${relation}\`, as in \`Animal ${relation} Duck\`` };
  },
  function classArrow(m) {
    if (!is(m, 'classDiagram', 'classDiagram-v2') || !m.read.expected.includes('LINE') || !m.read.expected.includes('DOTTED_LINE')) return undefined;
    const arrow = /(\S+)\s*$/.exec(m.before);
    const offset = arrow ? endOf(m) - m.before.length + arrow.index : undefined;
    return {
      message: `\`${arrow?.[1] ?? ''}\` is not a class relation: write \`-->\` (association), \`<|--\` (inheritance), \`*--\` (composition), \`o--\` (aggregation), \`..>\` (dependency) or \`..|>\` (realization)`,
      ...(offset === undefined ? {} : { offset }),
    };
  },
  function transitionWithoutTarget(m) {
    if (!is(m, 'stateDiagram', 'stateDiagram-v2') || !m.read.expected.includes('EDGE_STATE') || !atLineEnd(m) || !/-->$/.test(m.before.trimEnd())) return undefined;
    return { message: 'a transition needs a target state after `-->`: write `A --> B`, or `A --> [*]` to end' };
  },
  function stateArrow(m) {
    if (!is(m, 'stateDiagram', 'stateDiagram-v2') || m.read.found !== 'INVALID' || !m.read.expected.includes('-->')) return undefined;
    const arrow = /^\s*(\S+)/.exec(m.after)?.[1] ?? '';
    return { message: `\`${arrow}\` is not a transition: write \`-->\`, as in \`A --> B\`` };
  },
];

const erAndGanttRules: Rule[] = [
  function relationshipWithoutLabel(m) {
    if (!is(m, 'erDiagram') || !m.read.expected.includes('COLON') || !m.read.expected.includes('STYLE_SEPARATOR') || !atLineEnd(m)) return undefined;
    return { message: `a relationship needs a label after \`:\`: write \`${m.before.trim()} : label\`` };
  },
  function relationshipWithoutEntity(m) {
    if (!is(m, 'erDiagram') || m.read.found !== 'COLON' || !m.read.expected.includes('ENTITY_NAME')) return undefined;
    return { message: 'a relationship needs the second entity before `:`, as in `CUSTOMER ||--o{ ORDER : places`' };
  },
  function taskWithoutColon(m) {
    if (!is(m, 'gantt') || !m.read.expected.includes('taskData')) return undefined;
    return { message: 'a task needs `:` between its name and its data: write `Task name :t1, 2024-01-01, 3d`', offset: lineTextStart(m) };
  },
  function invalidDate(m) {
    const date = /Invalid date:\s*(\S+)/.exec(m.read.words)?.[1];
    if (!is(m, 'gantt') || !date) return undefined;
    const format = /^\s*dateFormat\s+(.+)$/m.exec(m.source)?.[1]?.trim() ?? 'YYYY-MM-DD';
    const offset = find(m.source, new RegExp(`(${escape(date)})`));
    return { message: `\`${date}\` is not a date in the format \`${format}\`: fix the date, or the \`dateFormat\` line`, ...(offset === undefined ? {} : { offset }) };
  },
];

const gitAndPieRules: Rule[] = [
  function checkoutUnknownBranch(m) {
    const branch = /checkout branch which is not yet created.*?"branch (.+?)"/.exec(m.read.words)?.[1];
    if (!branch) return undefined;
    const offset = find(m.source, new RegExp(`^\\s*((?:checkout|switch)\\s+${escape(branch)})\\s*$`, 'm'));
    return { message: `branch \`${branch}\` does not exist yet: add \`branch ${branch}\` before you check it out`, ...(offset === undefined ? {} : { offset }) };
  },
  function mergeProblem(m) {
    const problem = MERGE_PROBLEMS.map(([pattern, advise]) => [pattern.exec(m.read.words), advise] as const).find(([match]) => match);
    if (!problem?.[0]) return undefined;
    const [match, advise] = problem;
    const merges = [...m.source.matchAll(/^\s*(merge\s+(\S+))/gm)];
    const line = match[1] === undefined ? (merges.length === 1 ? merges[0] : undefined) : merges.find((l) => l[2] === match[1]);
    const offset = line ? line.index + line[0].indexOf(line[1] ?? '') : undefined;
    return { message: advise(match[1] ?? ''), ...(offset === undefined ? {} : { offset }) };
  },
  function unknownGitCommand(m) {
    if (!is(m, 'gitGraph') || !m.read.foundIsText || !m.read.found || !m.read.expected.includes('EOF')) return undefined;
    const guess = closest(m.read.found, GIT_COMMANDS);
    return { message: `\`${m.read.found}\` is not a gitGraph command: ${guess ? `did you mean \`${guess}\`? ` : ''}(the commands are ${GIT_COMMANDS.map((c) => `\`${c}\``).join(', ')})` };
  },
  function quotedValue(m) {
    const key = /(\w+):\s*$/.exec(m.before)?.[1];
    if (!m.read.expected.includes('STRING') || !key) return undefined;
    return { message: `\`${key}:\` needs a value in double quotes, as in \`${key}: "value"\`` };
  },
  function pieNumber(m) {
    if (!is(m, 'pie') || !m.read.expected.includes('NUMBER_PIE')) return undefined;
    return { message: 'a slice needs a number after `:`, as in `"Dogs" : 42`' };
  },
  function pieColon(m) {
    if (!is(m, 'pie') || !m.read.expected.includes(':')) return undefined;
    const label = /"[^"]*"/.exec(m.before)?.[0] ?? '"Dogs"';
    return { message: `write \`:\` between a slice's label and its value: \`${label} : ${m.after.trim() || '42'}\`` };
  },
  function pieUnquoted(m) {
    const slice = /^\s*([^":\s][^":]*?)\s*:\s*(.*)$/.exec(m.after);
    if (!is(m, 'pie') || !m.read.lexical || !slice) return undefined;
    return { message: `a slice's label needs double quotes: write \`"${slice[1] ?? ''}" : ${slice[2] ?? ''}\`` };
  },
  function pieNegative(m) {
    const slice = /"(.+?)" has invalid value: (-\d+(?:\.\d+)?)/.exec(m.read.words);
    if (!slice) return undefined;
    const offset = find(m.source, new RegExp(`"${escape(slice[1] ?? '')}"\\s*:\\s*(${escape(slice[2] ?? '')})`));
    return { message: `a slice cannot be negative: give "${slice[1] ?? ''}" a value of 0 or more`, ...(offset === undefined ? {} : { offset }) };
  },
];

export const otherRules: Rule[] = [...sequenceRules, ...classAndStateRules, ...erAndGanttRules, ...gitAndPieRules];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
