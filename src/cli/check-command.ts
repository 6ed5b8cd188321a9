import { compareDiagnostics, type Diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { accessibilitySummary } from '../browser/a11y-report.js';
import { AccessibilityAuditor, courseIndexLabel } from './a11y-auditor.js';
import { compileDeck } from '../export/compile-deck.js';
import { LayoutRenderer } from './layout-renderer.js';
import { countBySeverity, describeDeck, formatSchedule, printDiagnostics, useColor } from './print.js';
import { courseOfInputs, deckInputs } from './deck-inputs.js';
import { courseOverride } from '../course/course-decks.js';
import { separatorFlags } from './separator-flags.js';

/**
 * `lectern check`: every diagnostic, then each deck's schedule; writes nothing. With `--render`
 * each deck without errors is also built into a temporary folder and laid out in Chromium; with
 * `--a11y` it is checked with axe there, and so are the course index and the presenter views.
 * `--strict` counts warnings as errors.
 */
export async function runCheck(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const color = useColor(values, process.stderr);
  const inputs = deckInputs('check', positionals, { color });
  if (inputs.courseFailed) return 1;
  const separators = separatorFlags(values);
  // Diagrams are always checked (Mermaid's syntax errors are deck errors); the layout only with --render.
  // One browser for the whole command, launched on first use (never, when every diagram is cached
  // and there is no --render) and shared with the diagram stage, so the slides are measured with
  // their diagrams drawn as `lectern build` draws them.
  const { setUpBrowser } = await import('./diagram-setup.js');
  const { session, diagrams } = setUpBrowser(values);
  const renderer = new LayoutRenderer(session, diagrams);
  const render = values.render === true;
  const a11y = values.a11y === true;
  const strict = values.strict === true;
  const auditor = a11y ? new AccessibilityAuditor(session, diagrams) : undefined;
  const audited: string[] = [];
  const withActivity = new Set<string>();
  let failed = false;
  try {
    for (const file of inputs.files) {
      // With --render or --a11y every element carries its line, so a problem is reported where it happens.
      const course = inputs.course ? courseOverride(inputs.course, file, inputs.courseTheme) : undefined;
      const compiled = await compileDeck(file, { ...(diagrams ? { diagrams } : {}), ...(separators ? { separators } : {}), ...(render || a11y ? { sourcePositions: true } : {}), ...(course ? { course } : {}) });
      const usable = !hasErrors(compiled.diagnostics) && compiled.files.length > 0;
      if (render && usable) {
        const found = await renderer.check(compiled);
        if (found === undefined) return 1;
        compiled.diagnostics.push(...found);
      }
      let summary: string | undefined;
      if (auditor && usable) {
        const audit = await renderer.whenBrowser(() => auditor.auditDeck(compiled));
        if (audit === undefined) return 1;
        compiled.diagnostics.push(...audit.diagnostics);
        summary = accessibilitySummary(audit.diagnostics, audit.slides, undefined);
        audited.push(file);
        if ((compiled.schedule?.activityCount ?? 0) > 0) withActivity.add(file);
      }
      if (strict) compiled.diagnostics = compiled.diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d));
      compiled.diagnostics.sort(compareDiagnostics);
      printDiagnostics(compiled, color);
      const { errors, warnings } = countBySeverity(compiled.diagnostics);
      failed ||= errors > 0;
      process.stdout.write(`\n${compiled.file}: ${describeDeck(compiled)}; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
      if (summary) process.stdout.write(`${summary}\n`);
      if (compiled.schedule) process.stdout.write(`${formatSchedule(compiled.schedule)}\n`);
    }
    if (auditor && audited.length > 0) failed = (await auditLecternPages(auditor, audited, withActivity, inputs, positionals[0], color)) || failed;
  } finally {
    await auditor?.close();
    await renderer.close();
  }
  return failed ? 1 : 0;
}

/** The pages lectern makes around the decks: the course index (a folder or course) and each presenter view. True when one fails. */
async function auditLecternPages(auditor: AccessibilityAuditor, files: string[], withActivity: ReadonlySet<string>, inputs: ReturnType<typeof deckInputs>, folder: string | undefined, color: boolean): Promise<boolean> {
  const { course } = courseOfInputs(inputs);
  const report = (what: string, found: Diagnostic[]) => {
    for (const text of formatDiagnostics(found, { color })) process.stderr.write(`${text}\n`);
    process.stdout.write(`${what}: ${found.length === 0 ? 'no WCAG 2.1 AA problems found by axe' : `${found.length} accessibility problem${found.length === 1 ? '' : 's'}`}\n`);
    return found.length > 0;
  };
  let failed = false;
  if (inputs.fromFolder) failed = report('course index', await auditor.auditCourseIndex(course, courseIndexLabel(course, folder))) || failed;
  for (const [file, found] of await auditor.auditPresenterViews(files, course, withActivity)) failed = report(`presenter view of ${file}`, found) || failed;
  return failed;
}
