export { IncidentReportPanel, type ReportSources } from './IncidentReportPanel';
