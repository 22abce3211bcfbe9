/**
 * The versions of a mémoire, on its record's page (decision 021): the list (number, date, size, type,
 * pages), the upload of a version or an annex with its progress and French refusals, the thread of
 * each version (comments, requested changes the learner ticks), and the final deposit behind a
 * confirmation that says it freezes the work. What this person may do comes from the panel's
 * `permissions`, computed by the policies the API enforces.
 */
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  CloseButton,
  FileButton,
  Group,
  List,
  Modal,
  Progress,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconFileUpload, IconLock, IconPaperclip, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Pager } from '../../../components/Pager';
import { ErrorAlert, PageLoader } from '../../../components/states';
import { api, fileHref, files, unwrap, type ApiError } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/forms';
import { THESIS_FILE_FORMAT_LABELS } from '../../../../../src/shared/vocabulary/memoire-versions';
import { sizeLabel, versionsQuery, type TThesisFile, type TThesisVersion, type TVersionsPanel } from './queries';
import { uploadFile, type TUploadProgress } from './upload';

const PAGE_SIZE = 10;
const VERSION_ACCEPT = '.pdf,.docx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text';
const ANNEX_ACCEPT = `${VERSION_ACCEPT},.xlsx,.pptx,.ods,.odp,.doc,.xls,.ppt`;

export function VersionsPanel({ thesisId }: { thesisId: string }) {
  const { data, error, isPending } = useQuery(versionsQuery(thesisId));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="thesis-versions" data-testid="versions-panel">
      <Title order={2} size="h4" id="thesis-versions" mb="sm">
        Versions et retours
      </Title>
      {isPending ? <PageLoader label="Chargement des versions…" /> : error ? <ErrorAlert error={error} /> : <VersionsView panel={data} />}
    </Card>
  );
}

function useRefresh(thesisId: string) {
  const qc = useQueryClient();
  return (panel?: TVersionsPanel) => {
    if (panel) qc.setQueryData(versionsQuery(thesisId).queryKey, panel);
    void qc.invalidateQueries({ queryKey: versionsQuery(thesisId).queryKey });
  };
}

function VersionsView({ panel }: { panel: TVersionsPanel }) {
  const [page, setPage] = useState(1);
  const shown = panel.versions.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <Stack gap="md">
      {panel.finalDeposit && <FinalDepositSummary deposit={panel.finalDeposit} />}
      {!panel.open && !panel.finalDeposit && (
        <Alert color="gray" variant="light" icon={<IconLock aria-hidden />}>
          Le mémoire n’est plus en projet ni en rédaction : on n’y dépose plus de fichier ni de retour.
        </Alert>
      )}
      {panel.permissions.deposit && panel.state === 'project' && (
        <Text size="sm" c="dimmed">
          Le dépôt final d’une version PDF sera possible quand l’équipe aura passé votre mémoire en rédaction.
        </Text>
      )}
      {panel.permissions.deposit && (
        <Group gap="sm" align="flex-start">
          <Uploader panel={panel} kind="version" />
          <Uploader panel={panel} kind="annex" />
        </Group>
      )}
      {panel.versions.length === 0 ? (
        <Text size="sm" c="dimmed">
          Aucune version déposée pour l’instant.{panel.permissions.deposit ? ' Déposez votre premier document (PDF, DOCX ou ODT, 50 Mo au plus).' : ''}
        </Text>
      ) : (
        <>
          <Accordion variant="separated" multiple defaultValue={shown[0] ? [shown[0].id] : []}>
            {shown.map((v) => (
              <VersionItem key={v.id} panel={panel} version={v} />
            ))}
          </Accordion>
          {panel.versions.length > PAGE_SIZE && <Pager page={page} pageSize={PAGE_SIZE} total={panel.versions.length} onChange={setPage} noun={['version', 'versions']} />}
        </>
      )}
      <AnnexList title="Annexes du mémoire" annexes={panel.annexes} empty="Aucune annexe jointe au mémoire lui-même." />
    </Stack>
  );
}

function FinalDepositSummary({ deposit }: { deposit: NonNullable<TVersionsPanel['finalDeposit']> }) {
  return (
    <Stack gap="xs">
      <Alert color="violet" variant="light" icon={<IconLock aria-hidden />} title="Dépôt final effectué" data-testid="final-deposit">
        <Text size="sm">
          Version {deposit.number} (« {deposit.fileName} ») déposée le {formatDateTime(deposit.at)} : {deposit.pageCount} pages, {sizeLabel(deposit.sizeBytes)}.
        </Text>
        <Text size="xs" mt={4} style={{ wordBreak: 'break-all' }}>
          Empreinte SHA-256 : <code>{deposit.sha256}</code>
        </Text>
      </Alert>
      {deposit.pageWarning && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {deposit.pageWarning}
        </Alert>
      )}
    </Stack>
  );
}

function fileUrl(id: string) {
  return fileHref(files['thesis-files'][':id'].content.$url({ param: { id } }));
}

function FileLink({ file }: { file: TThesisFile }) {
  return (
    <Anchor href={fileUrl(file.id)} size="sm" download>
      {file.fileName}
    </Anchor>
  );
}

function fileFacts(f: TThesisFile): string {
  const parts = [formatDateTime(f.createdAt), sizeLabel(f.sizeBytes), THESIS_FILE_FORMAT_LABELS[f.format]];
  if (f.pageCount !== null) parts.push(`${f.pageCount} pages`);
  // Pages kept in compressed object streams are not seen while the file streams in: pdf-lib counts them at the final deposit.
  else if (f.format === 'pdf') parts.push('pages comptées au dépôt final');
  return parts.join(' · ');
}

function VersionItem({ panel, version }: { panel: TVersionsPanel; version: TThesisVersion }) {
  const open = version.feedback.flatMap((f) => f.changes).filter((c) => !c.done).length;
  return (
    <Accordion.Item value={version.id} data-testid={`version-${version.number}`}>
      <Accordion.Control>
        <Group gap="sm" wrap="wrap">
          <Text fw={600} size="sm">
            Version {version.number}
          </Text>
          <Text size="sm">{version.fileName}</Text>
          <Text size="xs" c="dimmed">
            {fileFacts(version)}
          </Text>
          {version.final && <Badge color="violet">Dépôt final</Badge>}
          {version.feedback.length > 0 && (
            <Badge color={open ? 'orange' : 'green'} variant="light">
              {open ? `${open} modification${open > 1 ? 's' : ''} à faire` : `${version.feedback.length} retour${version.feedback.length > 1 ? 's' : ''}`}
            </Badge>
          )}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          <Group gap="sm">
            <Anchor href={fileUrl(version.id)} size="sm" download>
              Télécharger « {version.fileName} »
            </Anchor>
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              SHA-256 {version.sha256}
            </Text>
          </Group>
          <AnnexList title="Annexes de cette version" annexes={version.annexes} empty="Aucune annexe jointe à cette version." />
          {panel.permissions.deposit && <Uploader panel={panel} kind="annex" versionId={version.id} />}
          <Thread panel={panel} version={version} />
          {panel.permissions.feedback && <FeedbackForm panel={panel} version={version} />}
          {panel.permissions.finalDeposit && version.format === 'pdf' && <FinalDepositButton panel={panel} version={version} />}
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

function AnnexList({ title, annexes, empty }: { title: string; annexes: TThesisFile[]; empty: string }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {annexes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <List size="sm" icon={<IconPaperclip size={14} aria-hidden />}>
          {annexes.map((a) => (
            <List.Item key={a.id}>
              <FileLink file={a} /> <Text span size="xs" c="dimmed">— {fileFacts(a)}</Text>
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

function Uploader({ panel, kind, versionId }: { panel: TVersionsPanel; kind: 'version' | 'annex'; versionId?: string }) {
  const refresh = useRefresh(panel.thesisId);
  const [progress, setProgress] = useState<TUploadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [abort, setAbort] = useState<(() => void) | null>(null);
  const label = kind === 'version' ? 'Déposer une nouvelle version' : versionId ? 'Joindre une annexe à cette version' : 'Ajouter une annexe au mémoire';
  const url =
    kind === 'version'
      ? fileHref(files.theses[':id'].versions.$url({ param: { id: panel.thesisId } }))
      : versionId
        ? fileHref(files['thesis-files'][':id'].annexes.$url({ param: { id: versionId } }))
        : fileHref(files.theses[':id'].annexes.$url({ param: { id: panel.thesisId } }));
  const send = (file: File | null) => {
    if (!file) return;
    setError(null);
    if (file.size > panel.maxBytes) {
      setError(`« ${file.name} » pèse ${sizeLabel(file.size)} : 50 Mo au plus. Réduisez le poids des images ou séparez les annexes.`);
      return;
    }
    setProgress({ loaded: 0, total: file.size });
    const upload = uploadFile<TThesisFile>(url, file, setProgress);
    setAbort(() => upload.abort);
    upload.promise.then(
      (stored) => {
        notifySuccess(stored.kind === 'version' ? `Version ${stored.number} déposée.` : `Annexe « ${stored.fileName} » jointe.`);
        refresh();
      },
      (e: ApiError) => setError(e.message),
    ).finally(() => {
      setProgress(null);
      setAbort(null);
    });
  };
  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <Stack gap={4} miw={260}>
      <FileButton onChange={send} accept={kind === 'version' ? VERSION_ACCEPT : ANNEX_ACCEPT} disabled={progress !== null}>
        {(props) => (
          <Button {...props} variant={kind === 'version' ? 'filled' : 'light'} size={versionId ? 'xs' : 'sm'} leftSection={kind === 'version' ? <IconFileUpload size={16} aria-hidden /> : <IconPaperclip size={16} aria-hidden />} loading={false}>
            {label}
          </Button>
        )}
      </FileButton>
      {progress && (
        <Group gap="xs" wrap="nowrap">
          <Progress value={percent} flex={1} aria-label={`Envoi en cours : ${percent} %`} animated />
          <Text size="xs" aria-live="polite">
            {percent} % ({sizeLabel(progress.loaded)} sur {sizeLabel(progress.total)})
          </Text>
          {abort && <CloseButton size="sm" aria-label="Annuler l’envoi" onClick={abort} />}
        </Group>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert" withCloseButton closeButtonLabel="Fermer" onClose={() => setError(null)} title="Fichier refusé">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

function Thread({ panel, version }: { panel: TVersionsPanel; version: TThesisVersion }) {
  const refresh = useRefresh(panel.thesisId);
  const mark = useMutation({
    mutationFn: (v: { id: string; done: boolean }) => unwrap(api['thesis-changes'][':id'].mark.$post({ param: { id: v.id }, json: { done: v.done } })),
    onSuccess: (updated) => refresh(updated),
    onError: (e) => notifyError(e),
  });
  if (version.feedback.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Pas encore de retour sur cette version.
      </Text>
    );
  }
  return (
    <Stack gap="xs" aria-label={`Retours sur la version ${version.number}`} role="list">
      {version.feedback.map((f) => (
        <Card key={f.id} withBorder padding="sm" role="listitem" bg="var(--mantine-color-gray-light)">
          <Text size="xs" c="dimmed">
            {f.author.name} — {formatDateTime(f.at)}
          </Text>
          {f.comment && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {f.comment}
            </Text>
          )}
          {f.changes.length > 0 && (
            <Stack gap={4} mt="xs">
              <Text size="sm" fw={600}>
                Modifications demandées
              </Text>
              {f.changes.map((c) => (
                <Checkbox
                  key={c.id}
                  label={c.text}
                  checked={mark.isPending && mark.variables.id === c.id ? mark.variables.done : c.done}
                  disabled={!panel.permissions.markChanges || mark.isPending}
                  description={c.done && c.doneAt ? `Faite le ${formatDateTime(c.doneAt)}` : undefined}
                  onChange={(e) => mark.mutate({ id: c.id, done: e.currentTarget.checked })}
                />
              ))}
            </Stack>
          )}
        </Card>
      ))}
    </Stack>
  );
}

function FeedbackForm({ panel, version }: { panel: TVersionsPanel; version: TThesisVersion }) {
  const refresh = useRefresh(panel.thesisId);
  const [comment, setComment] = useState('');
  const [changes, setChanges] = useState<string[]>(['']);
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => unwrap(api['thesis-files'][':id'].feedback.$post({ param: { id: version.id }, json: { comment, changes: changes.map((c) => c.trim()).filter(Boolean) } })),
    onSuccess: (updated) => {
      refresh(updated);
      setComment('');
      setChanges(['']);
      setError(null);
      notifySuccess('Retour envoyé.');
    },
    onError: (e) => setError(e.message),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
      aria-label={`Répondre à la version ${version.number}`}
    >
      <Stack gap="xs">
        <Textarea label="Commentaire" autosize minRows={2} maxLength={10_000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={error ?? undefined} />
        {changes.map((c, i) => (
          <TextInput
            key={i}
            label={`Modification demandée ${i + 1}`}
            maxLength={1000}
            value={c}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setChanges((all) => all.map((x, j) => (j === i ? value : x)));
            }}
          />
        ))}
        <Group justify="space-between">
          <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setChanges((all) => [...all, ''])} disabled={changes.length >= 50}>
            Ajouter une modification demandée
          </Button>
          <Button type="submit" loading={send.isPending}>
            Envoyer le retour
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FinalDepositButton({ panel, version }: { panel: TVersionsPanel; version: TThesisVersion }) {
  const refresh = useRefresh(panel.thesisId);
  const qc = useQueryClient();
  const [opened, setOpened] = useState(false);
  const deposit = useMutation({
    mutationFn: () => unwrap(api['thesis-files'][':id']['final-deposit'].$post({ param: { id: version.id } })),
    onSuccess: (updated) => {
      refresh(updated);
      setOpened(false);
      // The record itself moved to « déposé ».
      void qc.invalidateQueries({ queryKey: ['thesis', panel.thesisId], exact: true });
      void qc.invalidateQueries({ queryKey: ['me', 'theses'] });
      notifySuccess(`Version ${version.number} déposée : le mémoire est figé.`);
    },
    onError: (e) => notifyError(e),
  });
  return (
    <>
      <Group justify="flex-end">
        <Button color="violet" variant="outline" leftSection={<IconLock size={16} aria-hidden />} onClick={() => setOpened(true)}>
          Faire de cette version le dépôt final
        </Button>
      </Group>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Déposer définitivement la version ${version.number} ?`} centered>
        <Stack gap="sm">
          <Text size="sm">
            Le dépôt final fige votre mémoire : « {version.fileName} » devient la version lue par le jury, avec son empreinte et son nombre de pages. Ensuite, plus aucune version, annexe ni retour ne pourra être ajouté ou modifié, et la fiche passe à l’état « Déposé ».
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Annuler
            </Button>
            <Button color="violet" onClick={() => deposit.mutate()} loading={deposit.isPending}>
              Confirmer le dépôt final
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
