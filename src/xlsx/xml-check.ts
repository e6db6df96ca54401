/**
 * Whether a part is well-formed enough to read: every tag closed and every closing tag matching, nothing cut
 * short, no DOCTYPE (entity expansion). One pass, each character looked at once, so a hostile part costs its length;
 * after it, the readers' patterns (a <c>…</c>, an <si>…</si>) always find their end close by.
 * Returns what is wrong, in words, or null.
 */
/**
 * A part's text in the encoding it declares by its first bytes: UTF-8 (the rule for workbook parts), or UTF-16 —
 * which Excel uses for some custom XML parts (Power Query's DataMashup) — with or without a byte-order mark.
 */
export function xmlPartText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be").decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0x3c && bytes[1] === 0x00)
    return new TextDecoder("utf-16le").decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0x00 && bytes[1] === 0x3c)
    return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}

export function xmlDamage(xml: string): string | null {
  const n = xml.length;
  const starts: number[] = [];
  const lengths: number[] = [];
  let rootClosed = false;
  let i = xml.indexOf("<");
  if (i < 0) return "no XML in it";
  while (i >= 0) {
    const next = xml.charCodeAt(i + 1);
    if (next === 63 /* ? */) {
      const end = xml.indexOf("?>", i + 2);
      if (end < 0) return "it ends inside a processing instruction";
      i = xml.indexOf("<", end + 2);
      continue;
    }
    if (next === 33 /* ! */) {
      if (xml.startsWith("<!--", i)) {
        const end = xml.indexOf("-->", i + 4);
        if (end < 0) return "it ends inside a comment";
        i = xml.indexOf("<", end + 3);
        continue;
      }
      if (xml.startsWith("<![CDATA[", i)) {
        const end = xml.indexOf("]]>", i + 9);
        if (end < 0) return "it ends inside a CDATA section";
        i = xml.indexOf("<", end + 3);
        continue;
      }
      return "it has a DOCTYPE or declaration, which a workbook part never has";
    }
    const closing = next === 47; /* / */
    let j = closing ? i + 2 : i + 1;
    const nameStart = j;
    for (; j < n; j++) {
      const ch = xml.charCodeAt(j);
      if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47 || ch === 62) break;
      if (ch === 60) return `a tag is not closed (at character ${i})`;
    }
    const nameLength = j - nameStart;
    if (nameLength === 0) return `a "<" that starts no tag (at character ${i})`;
    let quote = 0;
    for (; j < n; j++) {
      const ch = xml.charCodeAt(j);
      if (quote !== 0) {
        if (ch === quote) quote = 0;
        else if (ch === 60) return `an attribute value is not closed (at character ${i})`;
      } else if (ch === 34 || ch === 39) quote = ch;
      else if (ch === 62) break;
      else if (ch === 60) return `the tag <${xml.slice(nameStart, nameStart + nameLength)}> is not closed`;
    }
    if (j >= n) return "it is cut short inside a tag";
    if (closing) {
      const top = starts.length - 1;
      if (top < 0 || lengths[top] !== nameLength || !sameName(xml, starts[top], nameStart, nameLength))
        return top < 0
          ? `a stray </${xml.slice(nameStart, nameStart + nameLength)}>`
          : `<${xml.slice(starts[top], starts[top] + lengths[top])}> is closed by </${xml.slice(nameStart, nameStart + nameLength)}>`;
      starts.pop();
      lengths.pop();
      if (starts.length === 0) rootClosed = true;
    } else if (xml.charCodeAt(j - 1) !== 47) {
      if (rootClosed) return "there is more after the end of the part";
      starts.push(nameStart);
      lengths.push(nameLength);
    } else if (starts.length === 0) {
      if (rootClosed) return "there is more after the end of the part";
      rootClosed = true;
    }
    i = xml.indexOf("<", j + 1);
  }
  if (starts.length > 0)
    return `it is cut short: <${xml.slice(starts[starts.length - 1], starts[starts.length - 1] + lengths[lengths.length - 1])}> is never closed`;
  return null;
}

function sameName(xml: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (xml.charCodeAt(a + k) !== xml.charCodeAt(b + k)) return false;
  return true;
}
