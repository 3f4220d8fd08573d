#!/bin/sh
# voice.sh VOICEKIT OUTDIR: the shipped voice library, one WAV file per
# fragment (src/voice.c names them), spoken by festival's Russian voice
# msu_ru_nsh_clunits (Debian: festival, festvox-ru), the chime made by
# voicekit.
#
# Why festival's voice and not espeak-ng's: festvox-ru is unit selection
# from recordings of a real Russian speaker, so each word keeps a human
# voice's timbre and intonation, which is what a hall full of people
# hears best over chatter; espeak-ng's Russian is formant synthesis,
# clear but buzzy and mechanical (its spectrogram shows flat, blocky
# formants where festival's glide as a voice does).  Both were compared on
# "Клиент А-семнадцать, окно три" (okno.conf(5), VOICE).  Festival is
# slower to start, which does not matter: it runs once per build and
# says all fragments in one session.  An office can replace any file by a
# recording of its own (same name, 16-bit PCM WAV, any rate).
set -eu
kit=$1
out=$2
tmp=$out.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
"$kit" list > "$tmp/list"
{
	echo '(voice_msu_ru_nsh_clunits)'
	echo '(define (frag name text)'
	echo '  (utt.save.wave (utt.synth (eval (list (quote Utterance)'
	echo '    (quote Text) text))) name (quote riff)))'
	while IFS='	' read -r name text; do
		printf '(frag "%s/%s.raw" "%s")\n' "$tmp" "$name" "$text"
	done < "$tmp/list"
} > "$tmp/say.scm"
festival -b "$tmp/say.scm"
while IFS='	' read -r name text; do
	# Words follow each other closely; "окно" comes after the pause of
	# the comma in "Клиент А-семнадцать, окно три".
	case $name in
	window)	lead=300 ;;
	*)	lead=30 ;;
	esac
	"$kit" trim "$tmp/$name.raw" "$tmp/$name.wav" "$lead" 60
	rm -f "$tmp/$name.raw"
done < "$tmp/list"
# The chime at the voice's own rate (festvox-ru speaks at 16 kHz).
"$kit" chime 16000 "$tmp/chime.wav"
rm -f "$tmp/list" "$tmp/say.scm"
rm -rf "$out"
mv "$tmp" "$out"
