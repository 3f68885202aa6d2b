/**
 * How a typed room name is normalized before the name rules (`checkRoomName` in names.ts): NFKC,
 * so compatibility characters become what the room's id already reads them as (a Roman numeral Ⅼ,
 * full-width Ｌ and mathematical bold 𝐋 become L, ™ becomes TM, ﬁ becomes fi). Otherwise the
 * first "Ⅼobby" would hold the id `lobby` under a name that only looks like "Lobby", and every
 * later "Lobby" would be handed that room.
 *
 * One kind of character keeps its form: a spacing accent (´ ¨ ¸ ˜ ¯ ˘ ˙ ˚ ˛ ˝, often typed for an
 * apostrophe or a quote), which NFKC turns into a space and a combining mark, so "Let´s" would
 * read "Let ́s".
 *
 * Outside the APPSYNC_JS subset (it needs `normalize`): the create-room and moderation Lambdas
 * and the app import it, no handler does.
 */
export function foldRoomName(typed: string): string {
  const folded = Array.from(typed.normalize('NFC'), (point) => {
    const compatible = point.normalize('NFKC');
    return compatible.length > 1 && compatible.startsWith(' ') ? point : compatible;
  });
  // Folding one character at a time can leave a base and a following mark apart (Ⅼ + U+0301).
  return folded.join('').normalize('NFC');
}
