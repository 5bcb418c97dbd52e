// Style sheets are imported for their effect; Vite bundles them into the console's CSS.
declare module "*.css";
