// The entry of the Pulumi package (provider/package.json `main`): only components Pulumi's component
// analyzer can describe for every language. TypeScript programs use lib/index.ts, which has them all.
export { IngressGlb } from "./ingress-glb";
export * from "./args";
