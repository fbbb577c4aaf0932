/** An error shown under the field it is about (the field points at it with aria-describedby). */
export function FieldError({ id, message, code }: { id: string; message: string | undefined; code?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert" data-code={code}>
      {message}
    </p>
  );
}
