// A code typed, pasted or read by the camera from a QR code (html5-qrcode, loaded on first use):
// a big search box, a camera on/off button, and the camera's picture below.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Flex, Input } from 'antd';
import { CameraOutlined, StopOutlined } from '@ant-design/icons';

interface Scanner {
  stop(): Promise<void>;
}

/** The camera reader drawing into the element `readerId`; `onText` gets the first code read. */
function useQrScanner(readerId: string, onText: (text: string) => void, onFail: () => void) {
  const [active, setActive] = useState(false);
  const scanner = useRef<Scanner | null>(null);

  const stop = useCallback(async () => {
    const s = scanner.current;
    scanner.current = null;
    setActive(false);
    if (s) await s.stop().catch(() => undefined);
  }, []);

  const start = useCallback(async () => {
    setActive(true);
    try {
      const { Html5Qrcode } = await import('html5-qrcode');
      const qr = new Html5Qrcode(readerId);
      let handled = false;
      await qr.start(
        { facingMode: 'environment' },
        { fps: 10, qrbox: 240 },
        (text) => {
          if (handled) return;
          handled = true;
          void stop();
          onText(text);
        },
        () => undefined,
      );
      scanner.current = { stop: () => qr.stop() };
    } catch {
      setActive(false);
      onFail();
    }
  }, [readerId, onText, onFail, stop]);

  useEffect(
    () => () => {
      void scanner.current?.stop().catch(() => undefined);
    },
    [],
  );
  return { active, start, stop };
}

export interface QrCodeInputProps {
  value: string;
  onChange: (value: string) => void;
  /** The code entered (the search button, Enter, or read by the camera). */
  onSubmit: (code: string) => void;
  loading: boolean;
  placeholder: string;
  enterButton: ReactNode;
  labels: { camera: ReactNode; stopCamera: ReactNode };
  /** The camera could not start (none, or no permission). */
  onNoCamera: () => void;
  /** The camera is being started (clear an earlier error here). */
  onCameraStart?: () => void;
  testId?: string;
  cameraTestId?: string;
  'aria-label'?: string;
}

export function QrCodeInput({
  value,
  onChange,
  onSubmit,
  loading,
  placeholder,
  enterButton,
  labels,
  onNoCamera,
  onCameraStart,
  testId,
  cameraTestId,
  'aria-label': ariaLabel,
}: QrCodeInputProps) {
  const readerId = `qr-reader-${useId().replace(/:/g, '')}`;
  const onText = useCallback(
    (text: string) => {
      onChange(text);
      onSubmit(text);
    },
    [onChange, onSubmit],
  );
  const camera = useQrScanner(readerId, onText, onNoCamera);
  return (
    <>
      <Input.Search
        autoFocus
        size="large"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        aria-label={ariaLabel}
        enterButton={enterButton}
        loading={loading}
        onSearch={onSubmit}
        data-testid={testId}
      />
      <Flex gap={8}>
        {camera.active ? (
          <Button icon={<StopOutlined />} onClick={() => void camera.stop()}>
            {labels.stopCamera}
          </Button>
        ) : (
          <Button
            icon={<CameraOutlined />}
            onClick={() => {
              onCameraStart?.();
              void camera.start();
            }}
            data-testid={cameraTestId}
          >
            {labels.camera}
          </Button>
        )}
      </Flex>
      <div id={readerId} style={{ width: '100%', maxWidth: 360 }} />
    </>
  );
}
