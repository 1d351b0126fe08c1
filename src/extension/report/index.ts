export { IncidentReportPanel, type ReportSources } from './IncidentReportPanel';
export { registerIncidentReportSerializer } from './serializer';
