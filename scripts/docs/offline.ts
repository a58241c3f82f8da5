/**
 * Redoc's footer credit loads Redocly's logo from their CDN even in an inlined build; these
 * replace it with a text-only SVG inside the page, so the page fetches nothing from elsewhere.
 */
const textLogo = (text: string, width: number) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="600" fill="#4a4a4a">${text}</text></svg>`,
  )}`;

const cdnReplacements: ReadonlyArray<readonly [string, string]> = [
  ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', textLogo('Redocly', 56)],
  ['https://cdn.redoc.ly/redoc/logo-mini.svg', textLogo('R', 10)],
];

export function withoutCdnAssets(html: string): string {
  return cdnReplacements.reduce((page, [from, to]) => page.split(from).join(to), html);
}
