// The routes of the staff console. Pages load lazily so the first paint (log-in) stays small.
import { lazy } from "react";
import { Navigate, Route, Routes } from "react-router-dom";
import { AppLayout } from "./components/AppLayout.tsx";
import { NotFound } from "./components/StatusPages.tsx";
import { navItems } from "./nav.tsx";

const LoginPage = lazy(() => import("./pages/LoginPage.tsx"));
const SubjectListPage = lazy(() => import("./pages/SubjectListPage.tsx"));
const SubjectPage = lazy(() => import("./pages/subject/SubjectPage.tsx"));
const AuditPage = lazy(() => import("./pages/audit/AuditPage.tsx"));
const IntakeListPage = lazy(() => import("./pages/intake/IntakeListPage.tsx"));
const HandoverPage = lazy(() => import("./pages/intake/HandoverPage.tsx"));
const BookListPage = lazy(() => import("./pages/book/BookListPage.tsx"));
const BookPage = lazy(() => import("./pages/book/BookPage.tsx"));
const TodayPage = lazy(() => import("./pages/today/TodayPage.tsx"));
const SupervisionPage = lazy(() => import("./pages/supervision/SupervisionPage.tsx"));
const SamplingPage = lazy(() => import("./pages/supervision/SamplingPage.tsx"));
const AlertsPage = lazy(() => import("./pages/alerts/AlertsPage.tsx"));
const LeavePage = lazy(() => import("./pages/leave/LeavePage.tsx"));
const DashboardsPage = lazy(() => import("./pages/dashboards/DashboardsPage.tsx"));
const CalendarPage = lazy(() => import("./pages/calendar/CalendarPage.tsx"));
const PolicyPage = lazy(() => import("./pages/policy/PolicyPage.tsx"));
const ViolationsPage = lazy(() => import("./pages/violations/ViolationsPage.tsx"));
const ViolationCasePage = lazy(() => import("./pages/violations/ViolationCasePage.tsx"));
const ReleasePage = lazy(() => import("./pages/release/ReleasePage.tsx"));
const ReleaseCasePage = lazy(() => import("./pages/release/ReleaseCasePage.tsx"));
const ReviewPage = lazy(() => import("./pages/review/ReviewPage.tsx"));
const TrajectoryPage = lazy(() => import("./pages/location/TrajectoryPage.tsx"));
const ZonesPage = lazy(() => import("./pages/location/ZonesPage.tsx"));
const StatisticsPage = lazy(() => import("./pages/statistics/StatisticsPage.tsx"));
const HazardsPage = lazy(() => import("./pages/hazards/HazardsPage.tsx"));
const InvestigationPage = lazy(() => import("./pages/care/InvestigationPage.tsx"));
const ResettlementPage = lazy(() => import("./pages/care/ResettlementPage.tsx"));
const AftercarePage = lazy(() => import("./pages/care/AftercarePage.tsx"));
const ExchangePage = lazy(() => import("./pages/exchange/ExchangePage.tsx"));
const UnderConstruction = lazy(() => import("./pages/UnderConstruction.tsx"));

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to="/today" replace />} />
        <Route path="/subjects" element={<SubjectListPage />} />
        <Route path="/subjects/:id" element={<SubjectPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/intake" element={<IntakeListPage />} />
        <Route path="/intake/:handoverId" element={<HandoverPage />} />
        <Route path="/book" element={<BookListPage />} />
        <Route path="/book/:id" element={<BookPage />} />
        <Route path="/today" element={<TodayPage />} />
        <Route path="/supervision" element={<SupervisionPage />} />
        <Route path="/supervision/sampling" element={<SamplingPage />} />
        <Route path="/supervision/:id" element={<SupervisionPage />} />
        <Route path="/alerts" element={<AlertsPage />} />
        <Route path="/leave" element={<LeavePage />} />
        <Route path="/dashboards" element={<DashboardsPage />} />
        <Route path="/calendar" element={<CalendarPage />} />
        <Route path="/policy" element={<PolicyPage />} />
        <Route path="/violations" element={<ViolationsPage />} />
        <Route path="/violations/:caseId" element={<ViolationCasePage />} />
        <Route path="/release" element={<ReleasePage />} />
        <Route path="/release/:id" element={<ReleaseCasePage />} />
        <Route path="/review" element={<ReviewPage />} />
        <Route path="/location/:subjectId" element={<TrajectoryPage />} />
        <Route path="/zones" element={<ZonesPage />} />
        <Route path="/stats" element={<StatisticsPage />} />
        <Route path="/hazards" element={<HazardsPage />} />
        <Route path="/investigation" element={<InvestigationPage />} />
        <Route path="/resettlement" element={<ResettlementPage />} />
        <Route path="/aftercare" element={<AftercarePage />} />
        <Route path="/exchange" element={<ExchangePage />} />
        {navItems
          .filter((item) => !item.ready)
          .map((item) => (
            <Route key={item.path} path={`${item.path}/*`} element={<UnderConstruction item={item} />} />
          ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
