// Style sheets imported for their side effect (Vite bundles them), e.g. Leaflet's.
declare module "*.css";
