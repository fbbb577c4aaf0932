// A CodeMirror 6 editor for bodies and headers, with undo history and the standard key bindings.
// It owns its document; the parent hears every change and can replace the text (e.g. "reset").
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

interface Props {
  value: string;
  onChange(value: string): void;
  language?: 'json' | 'text';
  label: string;
  placeholder?: string;
  maxHeight?: number;
  minHeight?: number;
}

export function CodeEditor({ value, onChange, language = 'text', label, placeholder, maxHeight = 360, minHeight = 120 }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
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
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once per language; later text changes go through the effect below.
  }, [language, label, placeholder, maxHeight, minHeight]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div className="code-editor" ref={host} data-testid={`editor-${label}`} />;
}
