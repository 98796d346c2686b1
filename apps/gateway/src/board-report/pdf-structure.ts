// The structure of a tagged PDF (pdfkit's structure elements), so that a screen reader reads
// headings, paragraphs, tables with their headers and the chart's alternative text in
// order, and skips what is only decoration (rules, page numbers). The drawing code keeps its
// own signatures: it asks for the element it draws and the element goes into the open one.
type Doc = PDFKit.PDFDocument;
type Element = PDFKit.PDFStructureElement;

/** The open structure elements of each tagged document, innermost last. */
const OPEN = new WeakMap<Doc, Element[]>();

/** Starts the document's structure tree: one Document element holding everything. */
export function startStructure(doc: Doc): void {
  const root = doc.struct('Document');
  doc.addStructure(root);
  OPEN.set(doc, [root]);
}

/** Ends the structure tree; call before doc.end(). */
export function endStructure(doc: Doc): void {
  OPEN.get(doc)?.forEach((element) => element.end());
  OPEN.delete(doc);
}

/** Draws content as one element (H1, H2, P, TH, TD, Figure…) of the open element. */
export function tag(
  doc: Doc,
  type: string,
  draw: () => void,
  options: { alt?: string; lang?: string } = {},
): void {
  const open = OPEN.get(doc);
  if (!open) return draw();
  open[open.length - 1].add(doc.struct(type, options, draw));
}

/** An element that holds others (Table, TR, Sect), open while `build` draws them. */
export function group(doc: Doc, type: string, build: () => void): void {
  const open = OPEN.get(doc);
  if (!open) return build();
  const element = doc.struct(type);
  open[open.length - 1].add(element);
  open.push(element);
  try {
    build();
  } finally {
    open.pop();
    element.end();
  }
}

/** Draws decoration that is not content (a table's rules, page numbers): readers skip it. */
export function artifact(doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  if (!OPEN.has(doc)) return draw();
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}
