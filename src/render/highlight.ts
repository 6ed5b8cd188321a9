import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import ini from 'highlight.js/lib/languages/ini';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import makefile from 'highlight.js/lib/languages/makefile';
import markdown from 'highlight.js/lib/languages/markdown';
import plaintext from 'highlight.js/lib/languages/plaintext';
import powershell from 'highlight.js/lib/languages/powershell';
import python from 'highlight.js/lib/languages/python';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { escapeHtml } from './escape.js';

// Only the languages a course on CI/CD with Python shows; the full set costs ~200 ms of start-up.
const LANGUAGES = {
  bash, css, diff, dockerfile, ini, javascript, json, makefile, markdown, plaintext, powershell, python,
  shell, sql, typescript, xml, yaml,
};
for (const [name, definition] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, definition);
hljs.registerAliases(['toml', 'cfg', 'conf', 'properties'], { languageName: 'ini' });
hljs.registerAliases(['sh', 'zsh', 'console'], { languageName: 'bash' });
hljs.registerAliases(['py', 'python3', 'pycon'], { languageName: 'python' });
hljs.registerAliases(['yml', 'github-actions'], { languageName: 'yaml' });
hljs.registerAliases(['text', 'txt', 'plain'], { languageName: 'plaintext' });

/** Highlighted HTML for a code block, or the escaped code for a language we do not know. */
export function highlightCode(code: string, language: string | undefined): { html: string; language?: string } {
  const name = language?.trim().toLowerCase();
  if (name && hljs.getLanguage(name)) {
    return { html: hljs.highlight(code, { language: name, ignoreIllegals: true }).value, language: name };
  }
  return { html: escapeHtml(code) };
}
