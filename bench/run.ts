/**
 * `npm run bench [case]`: prints figures (p50/p95, ms), never asserts. Each case lives in its own
 * file and runs when no case is named or when it is the one named.
 */
import { benchAdmissions } from './admissions.js';
import { benchAteliers } from './ateliers.js';
import { benchAteliersHttp } from './ateliers-http.js';
import { benchAttendance } from './attendance.js';
import { benchFirstLoad } from './first-load.js';
import { benchReferentielPage, benchStart } from './platform.js';
import { benchSoutenances } from './soutenances.js';
import { benchSoutenancesHttp } from './soutenances-http.js';

const only = process.argv[2];

if (!only || only === 'first-load') await benchFirstLoad();
if (!only || only === 'start') await benchStart();
if (!only || only === 'referentiel') await benchReferentielPage();
if (!only || only === 'admissions') await benchAdmissions();
if (!only || only === 'attendance') await benchAttendance();
if (!only || only === 'ateliers') await benchAteliers();
if (!only || only === 'ateliers-http') await benchAteliersHttp();
if (!only || only === 'soutenances') await benchSoutenances();
if (!only || only === 'soutenances-http') await benchSoutenancesHttp();
process.exit(0);
