/** One piece of an `Fn::Sub` string: literal text, or a `${…}` reference. */
export type SubPart = { text: string } | { reference: string };

/**
 * Splits an `Fn::Sub` template into text and references. `${!Literal}` is CloudFormation's escape
 * for a literal `${Literal}`; an unclosed `${` is kept as text, as CloudFormation does.
 */
export function parseSub(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = '';
  let rest = template;
  for (let start = rest.indexOf('${'); start >= 0; start = rest.indexOf('${')) {
    const end = rest.indexOf('}', start);
    if (end < 0) break;
    text += rest.slice(0, start);
    const inner = rest.slice(start + 2, end);
    if (inner.startsWith('!')) text += `\${${inner.slice(1)}}`;
    else {
      if (text) parts.push({ text });
      text = '';
      parts.push({ reference: inner.trim() });
    }
    rest = rest.slice(end + 1);
  }
  text += rest;
  if (text) parts.push({ text });
  return parts;
}

/** `Logical.Attr.With.Dots` → `['Logical', 'Attr.With.Dots']`; `AWS::Region` and `Name` → `[name]`. */
export function splitSubReference(reference: string): [string] | [string, string] {
  const dot = reference.indexOf('.');
  if (reference.startsWith('AWS::') || dot < 0) return [reference];
  return [reference.slice(0, dot), reference.slice(dot + 1)];
}
