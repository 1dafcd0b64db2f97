/**
 * Small line icons drawn as SVG in the text colour. Emoji (👍, 🔊) need a colour emoji font, which
 * many Linux kiosks do not have: there they showed as empty boxes beside the words.
 */
export type IconName = 'thumbUp' | 'thumbDown' | 'speaker';

const THUMB = 'M3 10h3v10H3z M8 10l3.5-6.5c1.6 0 2.6 1.1 2.2 2.8L13 9h6.2c1.2 0 2 1.1 1.7 2.2l-1.9 7.4c-.2.8-.9 1.4-1.8 1.4H8z';

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" strokeLinecap="round">
      {name === 'thumbUp' && <path d={THUMB} />}
      {name === 'thumbDown' && <path d={THUMB} transform="matrix(1 0 0 -1 0 24)" />}
      {name === 'speaker' && (
        <>
          <path d="M3 9h4l5-5v16l-5-5H3z" />
          <path d="M16 8.5a5 5 0 0 1 0 7 M18.5 6a8.5 8.5 0 0 1 0 12" />
        </>
      )}
    </svg>
  );
}
