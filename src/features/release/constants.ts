// Shared by the release feature and Today (kept apart so Today does not load the release service).

/** How far ahead a coming release is listed and put on Today (issue 11: "from 30 days ahead"). */
export const COMING_RELEASE_DAYS = 30;
export const RELEASE_BASIS = "Community Correction Law Art. 44";
export const TERMINATION_BASIS = "Community Correction Law Art. 45";
