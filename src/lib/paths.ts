/** Renders an issue path (['blocs', 2, 'code']) as "blocs[2].code": the way our messages name a field. */
export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  return segments.reduce<string>((acc, seg) => {
    if (typeof seg === 'number') return `${acc}[${seg}]`;
    const key = String(seg);
    return acc === '' ? key : `${acc}.${key}`;
  }, '');
}
