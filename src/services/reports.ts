import { post } from '@aws-amplify/api-rest';
import { inject, type InjectionKey } from 'vue';
import { checkReport, type Report, type ReportRequest, REPORTS_PATH } from '../../core/reports.ts';
import type { AuthService } from './auth.ts';
import { REST_API_NAME } from './history.ts';

/** `POST /reports`, non-reactive: a member reports a message. Failures throw (Amplify's `ApiError`, or a malformed answer). */
export interface ReportsService {
  report(request: ReportRequest): Promise<Report>;
}

export const REPORTS_SERVICE: InjectionKey<ReportsService> = Symbol('reports-service');

export function useReportsService(): ReportsService {
  const service = inject(REPORTS_SERVICE);
  if (!service) throw new Error('The reports service is not provided: app.provide(REPORTS_SERVICE, …) first');
  return service;
}

export function createReportsService(auth: AuthService): ReportsService {
  return {
    async report(request) {
      const headers = { Authorization: `Bearer ${await auth.accessToken()}` };
      const { body } = await post({ apiName: REST_API_NAME, path: REPORTS_PATH, options: { headers, body: { ...request } } }).response;
      const checked = checkReport(await body.json());
      if (!checked.ok) throw new Error(`Unexpected answer to the report: ${checked.error}`);
      return checked.value;
    },
  };
}
