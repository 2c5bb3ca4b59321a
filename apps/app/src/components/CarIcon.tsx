/** A small car outline in the style of antd-mobile-icons (1em, currentColor). */
export function CarIcon({ className }: { className?: string }) {
  return (
    <svg
      className={className}
      width="1em"
      height="1em"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.7"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M5 11l1.5-4a2 2 0 0 1 1.9-1.4h7.2a2 2 0 0 1 1.9 1.4L19 11" />
      <rect x="3" y="11" width="18" height="6.2" rx="2" />
      <path d="M6 17.2v1.8h3v-1.8M15 17.2v1.8h3v-1.8" />
      <circle cx="7" cy="14.1" r="0.9" fill="currentColor" stroke="none" />
      <circle cx="17" cy="14.1" r="0.9" fill="currentColor" stroke="none" />
    </svg>
  );
}
