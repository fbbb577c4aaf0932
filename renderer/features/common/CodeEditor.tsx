// A CodeMirror 6 editor for bodies and headers, with undo history and the standard key bindings.
// It owns its document; the parent hears every change the user makes and can replace the text
// (e.g. "reset"). The editor never reports a change the user did not make: CodeMirror splits lines on
// \r\n, \r and \n and joins them with its line separator, so text is pushed in only when the
// parent's value changes from outside, and such pushes are not echoed back as edits. Callers that
// must keep \r\n line breaks pass `lineSeparator`; text with other \r should be shown read-only.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers, placeholder as placeholderText } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';

// Colours from the app's theme variables, so the editor follows light and dark like everything else.
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--json-key)' },
  { tag: tags.string, color: 'var(--json-string)' },
  { tag: tags.number, color: 'var(--json-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--json-literal)' },
]);

const theme = EditorView.theme({
  '&': { fontSize: '12px', background: 'var(--code-bg)', color: 'var(--text)', border: '1px solid var(--border-strong)', borderRadius: '5px' },
  '&.cm-focused': { outline: 'none', borderColor: 'var(--focus)', boxShadow: '0 0 0 1px var(--focus)' },
  '.cm-content': { fontFamily: 'var(--font-mono)', caretColor: 'var(--text)' },
  '.cm-gutters': { background: 'var(--panel-2)', color: 'var(--dim)', border: 'none', borderRadius: '5px 0 0 5px' },
  '.cm-activeLine': { background: 'color-mix(in srgb, var(--accent) 7%, transparent)' },
  '.cm-scroller': { overflow: 'auto' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { background: 'var(--selected) !important' },
});

/** Lines split on \r\n only and joined with it; pasted text gets \r\n line breaks too. */
const crlfLines = [
  EditorState.lineSeparator.of('\r\n'),
  EditorView.clipboardInputFilter.of((text) => text.replace(/\r\n|\r|\n/g, '\r\n')),
];

interface Props {
  value: string;
  onChange(value: string): void;
  language?: 'json' | 'text';
  label: string;
  placeholder?: string;
  maxHeight?: number;
  minHeight?: number;
  /** How lines are split and joined (default: split on any line break, joined with \n). */
  lineSeparator?: '\n' | '\r\n';
  readOnly?: boolean;
}

export function CodeEditor(props: Props) {
  const { value, onChange, language = 'text', label, placeholder, maxHeight = 360, minHeight = 120, lineSeparator = '\n', readOnly = false } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  /** The value last given or reported: a `value` prop equal to it is nothing new. */
  const known = useRef(value);
  const pushing = useRef(false);

  useEffect(() => {
    known.current = value;
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          drawSelection(),
          highlightActiveLine(),
          indentOnInput(),
          bracketMatching(),
          syntaxHighlighting(highlight),
          EditorView.lineWrapping,
          theme,
          EditorView.theme({ '.cm-scroller': { maxHeight: `${maxHeight}px`, minHeight: `${minHeight}px` } }),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          ...(placeholder ? [placeholderText(placeholder)] : []),
          ...(language === 'json' ? [json()] : []),
          ...(lineSeparator === '\r\n' ? crlfLines : []),
          ...(readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []),
          // sliceDoc joins lines with the state's separator; doc.toString() would always use \n.
          EditorView.updateListener.of((u) => {
            if (!u.docChanged || pushing.current) return;
            known.current = u.state.sliceDoc();
            changed.current(known.current);
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once per configuration; later text changes go through the effect below.
  }, [language, label, placeholder, maxHeight, minHeight, lineSeparator, readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || value === known.current) return; // the editor's own text, or what it was created with
    known.current = value;
    if (editor.state.sliceDoc() === value) return;
    pushing.current = true;
    try {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    } finally {
      pushing.current = false;
    }
  }, [value]);

  return <div className="code-editor" ref={host} data-testid={`editor-${label}`} />;
}
