/** A button that asks for confirmation in a modal before acting. */
import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';

export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  ...props
}: ButtonProps & { children: ReactNode; title: string; message: ReactNode; confirmLabel: string; onConfirm: () => void }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button {...props} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Stack gap="md">
          <Text size="sm">{message}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Annuler
            </Button>
            <Button
              onClick={() => {
                close();
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
