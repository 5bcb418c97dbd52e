// Style sheets imported for their side effect (Vite bundles them), e.g. Leaflet's and the console's own.
declare module "*.css";
