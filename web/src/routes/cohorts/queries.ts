/** Promotions, calendar and attendance: query options, response types and French labels. */
import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../lib/api';
import { ATTENDANCE_STATUS_LABELS, COHORT_STAFF_ROLE_LABELS, RESIDENCY_KIND_LABELS, SESSION_TYPE_LABELS } from '../../../../src/shared/vocabulary/index';

export { RESIDENCY_KIND_LABELS, SESSION_TYPE_LABELS };

export type TCohortList = InferResponseType<typeof api.cohorts.$get, 200>;
export type TCohort = InferResponseType<(typeof api.cohorts)[':id']['$get'], 200>;
export type TCalendar = InferResponseType<(typeof api.cohorts)[':id']['calendar']['$get'], 200>;
export type TResidency = TCalendar['residencies'][number];
export type TSession = TResidency['sessions'][number];
export type TReport = InferResponseType<(typeof api.cohorts)[':id']['attendance']['$get'], 200>;
export type TSessionAttendance = InferResponseType<(typeof api.sessions)[':id']['attendance']['$get'], 200>;
export type TMySessions = InferResponseType<typeof api.me.sessions.$get, 200>;
export type TMyAttendance = InferResponseType<(typeof api.cohorts)[':id']['attendance']['me']['$get'], 200>;
export type TAttendanceStatus = NonNullable<TSessionAttendance['learners'][number]['current']>['status'];
export type TSessionType = TSession['type'];

export const cohortsQuery = (search: { centreId?: string; year?: number; page: number }) =>
  queryOptions({
    queryKey: ['cohorts', search],
    queryFn: () =>
      unwrap(
        api.cohorts.$get({
          query: { page: String(search.page), pageSize: '25', ...(search.centreId ? { centreId: search.centreId } : {}), ...(search.year ? { year: String(search.year) } : {}) },
        }),
      ),
  });

export const cohortQuery = (id: string) => queryOptions({ queryKey: ['cohort', id], queryFn: () => unwrap(api.cohorts[':id'].$get({ param: { id } })) });
export const calendarQuery = (id: string) => queryOptions({ queryKey: ['cohort', id, 'calendar'], queryFn: () => unwrap(api.cohorts[':id'].calendar.$get({ param: { id } })) });
export const learnersQuery = (id: string) => queryOptions({ queryKey: ['cohort', id, 'learners'], queryFn: () => unwrap(api.cohorts[':id'].learners.$get({ param: { id } })) });
export const reportQuery = (id: string) => queryOptions({ queryKey: ['cohort', id, 'attendance'], queryFn: () => unwrap(api.cohorts[':id'].attendance.$get({ param: { id } })) });
export const justificationsQuery = (id: string) =>
  queryOptions({ queryKey: ['cohort', id, 'justifications'], queryFn: () => unwrap(api.cohorts[':id'].justifications.$get({ param: { id } })) });
export const sessionAttendanceQuery = (id: string) =>
  queryOptions({ queryKey: ['session', id, 'attendance'], queryFn: () => unwrap(api.sessions[':id'].attendance.$get({ param: { id } })) });
export const mySessionsQuery = queryOptions({ queryKey: ['me', 'sessions'], queryFn: () => unwrap(api.me.sessions.$get()) });
export const myAttendanceQuery = (cohortId: string) =>
  queryOptions({ queryKey: ['cohort', cohortId, 'attendance', 'me'], queryFn: () => unwrap(api.cohorts[':id'].attendance.me.$get({ param: { id: cohortId } })) });
export const feedsQuery = queryOptions({ queryKey: ['calendar-feeds'], queryFn: () => unwrap(api.calendar.feeds.$get()) });

export const SESSION_TYPE_OPTIONS = (Object.keys(SESSION_TYPE_LABELS) as TSessionType[]).map((value) => ({ value, label: SESSION_TYPE_LABELS[value] }));


export const ATTENDANCE_LABELS: Record<TAttendanceStatus, { label: string; color: string }> = {
  present: { label: ATTENDANCE_STATUS_LABELS.present, color: 'green' },
  late: { label: ATTENDANCE_STATUS_LABELS.late, color: 'orange' },
  absent: { label: ATTENDANCE_STATUS_LABELS.absent, color: 'red' },
  excused: { label: ATTENDANCE_STATUS_LABELS.excused, color: 'blue' },
};

export const STAFF_ROLE_LABELS = COHORT_STAFF_ROLE_LABELS;

export const formatRate = (rate: number | null) => (rate === null ? '—' : `${String(rate).replace('.', ',')} %`);
