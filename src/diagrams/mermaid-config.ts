/**
 * Mermaid settings that draw a deck's diagrams in its theme's colours and font. Read from the
 * theme's CSS custom properties (the last declaration wins, as in the browser), so lectern's
 * themes, a reveal.js theme or an instructor's own all work without extra configuration.
 */

export interface MermaidConfig {
  startOnLoad: false;
  securityLevel: 'strict';
  theme: 'base';
  fontFamily: string;
  themeVariables: Record<string, string | boolean>;
  /** Rules added to the SVG's own stylesheet, in place while Mermaid measures its labels. */
  themeCSS: string;
  flowchart: { htmlLabels: boolean; useMaxWidth: boolean; nodeSpacing: number; rankSpacing: number; padding: number; wrappingWidth: number; diagramPadding: number };
  gitGraph: { useMaxWidth: boolean; rotateCommitLabel: boolean };
  sequence: { useMaxWidth: boolean };
}

/** A theme that names no body size (reveal.js's own themes name one): reveal's usual 40px. */
const DEFAULT_BODY_PX = 40;

/**
 * Sizes for a diagram whose text must read at 60 % of the body text or more once the SVG is
 * scaled into the slide. A wide flowchart is scaled down, so it is drawn with labels as large as
 * the body, wrapped narrow and spaced tight, which keeps it narrow; a gitGraph is short and wide
 * and scaled up about twice, so its labels are drawn at about a third of the body.
 */
function diagramSizes(bodyPx: number) {
  return {
    fontSize: `${bodyPx}px`,
    commitLabelFontSize: `${Math.round(bodyPx * 0.32)}px`,
    branchLabelFontSize: `${Math.round(bodyPx * 0.42)}px`,
    flowchart: { nodeSpacing: 24, rankSpacing: 24, padding: 12, wrappingWidth: Math.round(bodyPx * 3.4), diagramPadding: 4 },
  };
}

export function mermaidConfigForTheme(css: string): MermaidConfig {
  const vars = customProperties(css);
  const pick = (...names: string[]) => names.map((n) => vars.get(n)).find((v): v is string => Boolean(v));
  const background = pick('--r-background-color') ?? '#ffffff';
  const text = pick('--r-main-color') ?? '#222222';
  const accent = pick('--lectern-accent', '--r-link-color') ?? '#2a76dd';
  const panel = pick('--lectern-panel-bg') ?? mix(background, accent);
  const heading = pick('--r-heading-color') ?? text;
  const muted = pick('--lectern-muted') ?? text;
  const font = pick('--r-main-font') ?? 'sans-serif';
  const dark = isDark(background);
  const sizes = diagramSizes(pixels(pick('--r-main-font-size')) ?? DEFAULT_BODY_PX);
  const branches = [accent, pick('--lectern-warning') ?? '#a15c00', pick('--lectern-ok') ?? '#16794a', pick('--lectern-danger') ?? '#b3261e'];
  const gitColors: Record<string, string> = {};
  branches.forEach((color, i) => {
    gitColors[`git${i}`] = color;
    gitColors[`git${i + 4}`] = color;
    gitColors[`gitBranchLabel${i}`] = isDark(color) ? '#ffffff' : '#000000';
    gitColors[`gitBranchLabel${i + 4}`] = isDark(color) ? '#ffffff' : '#000000';
  });
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    fontFamily: font,
    themeVariables: {
      darkMode: dark,
      background,
      fontFamily: font,
      fontSize: sizes.fontSize,
      primaryColor: panel,
      primaryBorderColor: accent,
      primaryTextColor: text,
      secondaryColor: background,
      secondaryBorderColor: muted,
      secondaryTextColor: text,
      tertiaryColor: background,
      tertiaryBorderColor: muted,
      tertiaryTextColor: text,
      lineColor: text,
      textColor: text,
      titleColor: heading,
      edgeLabelBackground: background,
      clusterBkg: background,
      clusterBorder: muted,
      nodeTextColor: text,
      commitLabelColor: text,
      commitLabelBackground: background,
      commitLabelFontSize: sizes.commitLabelFontSize,
      tagLabelFontSize: sizes.commitLabelFontSize,
      tagLabelColor: text,
      tagLabelBackground: panel,
      tagLabelBorder: accent,
      ...gitColors,
    },
    // Branch names take the diagram's font size, far larger than its commit labels.
    themeCSS: `.branchLabel { font-size: ${sizes.branchLabelFontSize}; }`,
    flowchart: { htmlLabels: true, useMaxWidth: true, ...sizes.flowchart },
    // Labels turned 45° lie across the branch lines: level ones, moved clear of the lines (commit-labels.ts).
    gitGraph: { useMaxWidth: true, rotateCommitLabel: false },
    sequence: { useMaxWidth: true },
  };
}

/** `--name: value` declarations; `var(--other)` resolved against the others (a few levels deep). */
export function customProperties(css: string): Map<string, string> {
  const raw = new Map<string, string>();
  for (const match of css.matchAll(/(--[\w-]+)\s*:\s*([^;}]+)/g)) {
    const [, name = '', value = ''] = match;
    raw.set(name, value.trim());
  }
  const resolve = (value: string, depth: number): string =>
    depth > 4 ? value : value.replace(/var\(\s*(--[\w-]+)\s*(?:,\s*([^)]+))?\)/g, (_all, name: string, fallback?: string) => {
      const found = raw.get(name) ?? fallback?.trim();
      return found === undefined ? '' : resolve(found, depth + 1);
    });
  return new Map([...raw].map(([name, value]) => [name, resolve(value, 0)]));
}

/** A CSS length in px (`38px`, `38`), else undefined: an em or rem size has no fixed pixels here. */
function pixels(value: string | undefined): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(px)?$/.exec(value?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
}

function rgb(color: string): [number, number, number] | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
  }
  const fn = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(color.trim());
  return fn ? [Number(fn[1]), Number(fn[2]), Number(fn[3])] : undefined;
}

function isDark(color: string): boolean {
  const c = rgb(color);
  if (!c) return false;
  const [r, g, b] = c.map((v) => v / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45;
}

/** A pale tint of the accent over the background, for node fills when the theme names none. */
function mix(background: string, accent: string): string {
  const a = rgb(background);
  const b = rgb(accent);
  if (!a || !b) return background;
  const channel = (i: 0 | 1 | 2) => Math.round(a[i] * 0.88 + b[i] * 0.12).toString(16).padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}
