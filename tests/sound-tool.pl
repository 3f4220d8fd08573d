#!/usr/bin/perl
# sound-tool.pl: the sound tests' helpers (tests/sound.t, the bench).
#   record FIFO OUT [FIRST]  the test's "sound card": reads what ALSA's
#       file plugin writes into FIFO, one opening after another, and
#       appends it to OUT until killed; FIRST receives the time (epoch
#       seconds, microseconds) of the first byte read.
#   expect DIR NAME...  the PCM data of DIR/NAME.wav one after another on
#       stdout: what a phrase of those fragments must sound like.
#   now  the time as record writes it.
use strict;
use warnings;
use Time::HiRes qw(time);

my $cmd = shift // die "usage\n";
if ($cmd eq 'now') {
	printf "%.6f\n", time;
} elsif ($cmd eq 'record') {
	my ($fifo, $out, $first) = @ARGV;
	open(my $o, '>>', $out) or die "$out: $!\n";
	binmode $o;
	$o->autoflush(1);
	my $seen = 0;
	for (;;) {
		open(my $f, '<', $fifo) or die "$fifo: $!\n";
		binmode $f;
		my $buf;
		while (sysread($f, $buf, 65536)) {
			if (!$seen && defined $first) {
				my $t = time;
				open(my $w, '>', "$first.tmp") or die;
				printf $w "%.6f\n", $t;
				close $w;
				rename "$first.tmp", $first;
			}
			$seen = 1;
			print $o $buf;
		}
		close $f;
	}
} elsif ($cmd eq 'expect') {
	my $dir = shift;
	binmode STDOUT;
	for my $name (@ARGV) {
		open(my $f, '<', "$dir/$name.wav") or die "$dir/$name.wav: $!\n";
		binmode $f;
		local $/;
		my $w = <$f>;
		close $f;
		my $off = 12;
		while ($off + 8 <= length $w) {
			my ($id, $size) = unpack('A4 V', substr($w, $off, 8));
			$off += 8;
			if ($id eq 'data') {
				print substr($w, $off, $size);
				last;
			}
			$off += $size + ($size & 1);
		}
	}
} else {
	die "usage: sound-tool.pl record FIFO OUT [FIRST] | expect DIR NAME...\n";
}
