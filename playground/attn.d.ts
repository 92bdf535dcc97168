/** `.attn` files imported as text (esbuild's text loader, scripts/build-playground.mjs). */
declare module "*.attn" {
  const source: string;
  export default source;
}
