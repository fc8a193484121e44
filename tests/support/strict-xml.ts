import { SaxesParser } from "saxes";

/** An element of a parsed document: its name, attributes, child elements and its own text. */
export type XmlElement = {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
};

/**
 * Parses a document with saxes, a conformant XML 1.0 parser: it throws on anything that is not
 * well-formed (an unclosed CDATA section, a stray "]]>", a character XML cannot hold), where feed
 * readers and browsers might guess.
 */
export function parseXmlStrict(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  let failure: Error | null = null;
  parser.on("error", (error) => {
    failure ??= error;
  });
  parser.on("opentag", (tag) => {
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value]));
    const element: XmlElement = { name: tag.local, attributes, children: [], text: "" };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("text", (text) => void (stack.at(-1)!.text += text));
  parser.on("cdata", (text) => void (stack.at(-1)!.text += text));
  parser.write(xml).close();
  if (failure) throw failure;
  return root;
}

export const childrenNamed = (element: XmlElement, name: string) =>
  element.children.filter((child) => child.name === name);
export const childNamed = (element: XmlElement, name: string) => childrenNamed(element, name)[0];
