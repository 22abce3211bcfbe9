/** /mon-memoire: the learner's records, then their dashboard. */
import { MyThesisPage } from '../record/MyThesisPage';
import { LearnerDashboard } from './LearnerDashboard';

export function MyMemoirePage() {
  return (
    <MyThesisPage>
      <LearnerDashboard />
    </MyThesisPage>
  );
}
