/**
 * / : each role lands on its work (GET /api/me/dashboard) — files to review and back from correction,
 * today's sessions and sheets to sign, learners under the threshold, the application's next step,
 * next sessions and hours — then the shortcuts its abilities open.
 */
import { Badge, Card, Group, List, Progress, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { AnchorLink } from '../../components/links';
import { ErrorAlert, PageLoader } from '../../components/states';
import { api, unwrap } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { formatDate, formatHours, plural } from '../../lib/format';
import { visibleEntries } from '../app/navigation';

type TDashboard = InferResponseType<typeof api.me.dashboard.$get, 200>;
type TFiles = NonNullable<TDashboard['admissions']>['toReview'];
type TSessionItem = NonNullable<TDashboard['teaching']>['today'][number];

export const dashboardQuery = { queryKey: ['dashboard'], queryFn: () => unwrap(api.me.dashboard.$get()) } as const;

export function HomePage() {
  const me = useMe();
  const { data, error, isPending } = useQuery(dashboardQuery);
  const entries = visibleEntries(me.abilities).filter((e) => e.to !== '/');
  return (
    <Stack gap="xl">
      <PageHeader title={`Bonjour, ${me.user.name}`} description={data ? `Votre travail du ${formatDate(data.today)}.` : 'Votre tableau de bord.'} />
      {isPending ? <PageLoader label="Chargement du tableau de bord…" /> : error ? <ErrorAlert error={error} /> : <Dashboard data={data} />}
      <section aria-labelledby="home-actions">
        <Title order={2} id="home-actions" size="h3" mb="sm">
          Accès rapides
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {entries.map((entry) => (
            <Card key={entry.to} withBorder padding="sm">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" size="md" aria-hidden>
                  <entry.icon size={18} />
                </ThemeIcon>
                <Stack gap={2}>
                  <AnchorLink to={entry.to} fw={600}>
                    {entry.label} <IconArrowRight size={14} aria-hidden style={{ verticalAlign: 'middle' }} />
                  </AnchorLink>
                  <Text size="sm">{entry.description}</Text>
                </Stack>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}

function Section({ id, title, count, children, more }: { id: string; title: string; count?: number; children: ReactNode; more?: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {count !== undefined && (
          <Badge variant={count ? 'filled' : 'light'} color={count ? 'blue' : 'gray'} aria-label={`${count} en tout`}>
            {count}
          </Badge>
        )}
      </Group>
      {children}
      {more && <Group mt="sm">{more}</Group>}
    </Card>
  );
}

const Nothing = ({ children }: { children: ReactNode }) => (
  <Text size="sm" c="dimmed">
    {children}
  </Text>
);

function FileList({ files, empty }: { files: TFiles; empty: string }) {
  if (!files.items.length) return <Nothing>{empty}</Nothing>;
  return (
    <List spacing={6} listStyleType="none" p={0}>
      {files.items.map((f) => (
        <List.Item key={f.id}>
          <AnchorLink to="/candidatures/$id" params={{ id: f.id }} fw={600}>
            {f.name}
          </AnchorLink>{' '}
          <Text span size="sm">
            — {f.reference}, {f.cohortName}
            {f.filedAt ? `, déposée le ${formatDate(f.filedAt)}` : ''} ({f.statusLabel.toLowerCase()})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

function SessionList({ sessions, empty, sign }: { sessions: TSessionItem[]; empty: string; sign?: boolean }) {
  if (!sessions.length) return <Nothing>{empty}</Nothing>;
  return (
    <List spacing={6} listStyleType="none" p={0}>
      {sessions.map((s) => (
        <List.Item key={s.id}>
          <AnchorLink to="/seances/$id/emargement" params={{ id: s.id }} fw={600}>
            {sign ? `${formatDate(s.date)}, ` : ''}
            {s.startTime}–{s.endTime} : {s.title}
          </AnchorLink>{' '}
          <Text span size="sm">
            — {s.cohortName}
            {s.room ? `, ${s.room}` : s.remote ? ', à distance' : ''}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

function Dashboard({ data }: { data: TDashboard }) {
  const cards: ReactNode[] = [];
  if (data.myApplications) {
    cards.push(
      <Section key="apps" id="home-my-applications" title={data.myApplications.length > 1 ? 'Mes candidatures' : 'Ma candidature'}>
        {data.myApplications.length ? (
          <Stack gap="sm">
            {data.myApplications.map((a) => (
              <div key={a.id}>
                <Group gap="xs">
                  <AnchorLink to="/mes-candidatures/$id" params={{ id: a.id }} fw={600}>
                    {a.reference} — {a.cohortName}
                  </AnchorLink>
                  <Badge variant="light" tt="none">
                    {a.statusLabel}
                  </Badge>
                </Group>
                <Text size="sm">Prochaine étape : {a.nextStep}</Text>
              </div>
            ))}
          </Stack>
        ) : (
          <Nothing>Vous n’avez pas encore de candidature.</Nothing>
        )}
      </Section>,
    );
  }
  for (const l of data.learning ?? []) {
    cards.push(
      <Section key={`learn-${l.cohortId}`} id={`home-learning-${l.cohortId}`} title={`Ma formation — ${l.cohortName}`}>
        <Stack gap="xs">
          {l.nextSessions.length ? (
            <>
              <Text size="sm" fw={600}>
                Prochaines séances
              </Text>
              <List spacing={4} listStyleType="none" p={0}>
                {l.nextSessions.map((s) => (
                  <List.Item key={s.id}>
                    <Text size="sm">
                      {formatDate(s.date)}, {s.startTime}–{s.endTime} : {s.title}
                      {s.room ? ` (${s.room})` : s.remote ? ' (à distance)' : ''}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </>
          ) : (
            <Nothing>Aucune séance à venir n’est planifiée.</Nothing>
          )}
          <Text size="sm">
            {formatHours(l.attendedHours)} suivies sur {formatHours(l.pastHours)} déjà passées ({formatHours(l.programmeHours)} au calendrier).
          </Text>
          {l.rate !== null && (
            <div>
              <Text size="sm">
                Assiduité : {String(l.rate).replace('.', ',')} % (seuil {l.threshold} %)
              </Text>
              <Progress value={l.rate} color={l.rate < l.threshold ? 'red.8' : 'teal.8'} aria-label="Taux d’assiduité" size="sm" />
            </div>
          )}
        </Stack>
        <Group mt="sm">
          <AnchorLink to="/mon-calendrier">Mon calendrier et mes émargements</AnchorLink>
        </Group>
      </Section>,
    );
  }
  if (data.teaching) {
    cards.push(
      <Section key="today" id="home-today" title="Mes séances du jour" count={data.teaching.today.length}>
        <SessionList sessions={data.teaching.today} empty="Aucune séance aujourd’hui." />
      </Section>,
      <Section key="unsigned" id="home-unsigned" title="Feuilles d’émargement à signer" count={data.teaching.unsigned.total}>
        <SessionList sessions={data.teaching.unsigned.items} empty="Toutes vos feuilles sont signées." sign />
      </Section>,
    );
  }
  if (data.admissions) {
    const more = (n: number) => (n > data.admissions!.toReview.items.length ? <AnchorLink to="/candidatures">Voir les {n} dossiers</AnchorLink> : null);
    cards.push(
      <Section key="review" id="home-review" title="Dossiers à instruire" count={data.admissions.toReview.total} more={more(data.admissions.toReview.total)}>
        <FileList files={data.admissions.toReview} empty="Aucun dossier n’attend d’instruction." />
      </Section>,
      <Section key="back" id="home-back" title="Dossiers revenus de correction" count={data.admissions.backFromCorrection.total}>
        <FileList files={data.admissions.backFromCorrection} empty="Aucun dossier corrigé n’attend de relecture." />
      </Section>,
    );
  }
  if (data.attendanceAlerts) {
    cards.push(
      <Section key="alerts" id="home-alerts" title="Auditeur·rices sous le seuil d’assiduité" count={data.attendanceAlerts.total}>
        {data.attendanceAlerts.items.length ? (
          <List spacing={6} listStyleType="none" p={0}>
            {data.attendanceAlerts.items.map((a) => (
              <List.Item key={`${a.cohortId}-${a.userId}`}>
                <AnchorLink to="/promotions/$id" params={{ id: a.cohortId }} fw={600}>
                  {a.name}
                </AnchorLink>{' '}
                <Text span size="sm">
                  — {String(a.rate).replace('.', ',')} % (seuil {a.threshold} %), {a.cohortName}
                </Text>
              </List.Item>
            ))}
          </List>
        ) : (
          <Nothing>Aucun·e auditeur·rice n’est sous le seuil dans les promotions en cours.</Nothing>
        )}
        {data.attendanceAlerts.total > data.attendanceAlerts.items.length && (
          <Text size="sm" mt="xs">
            {plural(data.attendanceAlerts.total - data.attendanceAlerts.items.length, 'autre', 'autres')} dans les rapports d’assiduité des promotions.
          </Text>
        )}
      </Section>,
    );
  }
  if (!cards.length) return null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {cards}
    </SimpleGrid>
  );
}
