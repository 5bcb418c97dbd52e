// Page objects for the staff console's end-to-end tests. They know the pages only through their stable
// test ids (`data-qa`), so a page can change its look without breaking the tests.
export { AuditPage } from "./AuditPage.ts";
export { BookPage, HandoverPage, IntakePage } from "./BookPages.ts";
export { CalendarPage } from "./CalendarPage.ts";
export { LeaveCalendar, LeaveDetail, LeaveForm } from "./LeavePages.ts";
export { AppHeader, LoginPage } from "./LoginPage.ts";
export { PolicyPage } from "./PolicyPage.ts";
export { chooseOption, qa } from "./qa.ts";
export { type SubjectFilters, SubjectListPage } from "./SubjectListPage.ts";
export { type SectionId, SubjectPage } from "./SubjectPage.ts";
export { TodayPage } from "./TodayPage.ts";
