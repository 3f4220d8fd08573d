#!/usr/bin/perl
# security-static.t: SECURITY.md's promises that the source itself keeps:
# no SQL is ever built from input (every db_prepare and db_exec gets a
# literal, or one of the few vetted exceptions whose own sources are
# literals), SQLite is reached through db.c alone, and every environment
# variable okno reads is listed in SECURITY.md with why it is trusted.
use strict;
use warnings;

my $src = $ENV{OKNO_SRC} // '.';
my @files = sort map { glob("$src/$_/*.c"), glob("$src/$_/*.h") }
    qw(src hw hw/sim office screens cli);
my ($n, $failed) = (0, 0);
sub ok {
	my ($c, $what) = @_;
	$n++;
	print(($c ? "ok" : "not ok"), " $n - $what\n");
	$failed++ unless $c;
	return $c;
}
sub diag { print "# $_\n" for @_; }

sub slurp {
	my ($f) = @_;
	open(my $fh, '<', $f) or die "$f: $!";
	local $/;
	return <$fh>;
}

# The text with comments blanked (strings and line numbers kept).
sub uncomment {
	my ($t) = @_;
	$t =~ s{("(?:[^"\\\n]|\\.)*")|('(?:[^'\\\n]|\\.)*')|(/\*.*?\*/)|(//[^\n]*)}
	    { defined $1 ? $1 : defined $2 ? $2 : ($3 // $4) =~ s/[^\n]/ /gr }gse;
	return $t;
}

# The argument list of the call whose "(" is at $pos: a list of strings.
sub args {
	my ($t, $pos) = @_;
	my ($depth, $cur, @args) = (0, '');
	for (my $i = $pos; $i < length $t; $i++) {
		my $c = substr($t, $i, 1);
		if ($c eq '"') {
			substr($t, $i) =~ /^("(?:[^"\\]|\\.)*")/s;
			$cur .= $1;
			$i += length($1) - 1;
			next;
		}
		if ($c eq '(') {
			$depth++;
			next if $depth == 1;
		} elsif ($c eq ')') {
			$depth--;
			if ($depth == 0) {
				push @args, $cur;
				return @args;
			}
		} elsif ($c eq ',' && $depth == 1) {
			push @args, $cur;
			$cur = '';
			next;
		}
		$cur .= $c;
	}
	return @args;
}

my %text = map { $_ => uncomment(slurp($_)) } @files;

# Macros whose expansion is a string literal: NAME -> 1.
my %literal_macro;
for my $f (@files) {
	my $t = $text{$f} =~ s/\\\n/ /gr;
	while ($t =~ /^[ \t]*#[ \t]*define[ \t]+([A-Z_][A-Z0-9_]*)(\(([^)]*)\))?[ \t]+([^\n]*)/mg) {
		my ($name, $params, $body) = ($1, $3 // '', $4);
		my $rest = $body =~ s/"(?:[^"\\]|\\.)*"//gr;
		$rest =~ s/\b\Q$_\E\b//g for split /\s*,\s*/, $params;
		$rest =~ s/\b[A-Z_][A-Z0-9_]*\b//g;	# other literal macros
		$literal_macro{$name} = 1
		    if $body =~ /"/ && $rest =~ /^[\s()]*$/;
	}
}

# Is the expression nothing but string literals and literal macros?
sub literal {
	my ($e) = @_;
	my $rest = $e =~ s/"(?:[^"\\]|\\.)*"//gr;
	my ($macros_ok, $macros) = (1, 0);
	while ($rest =~ /\b([A-Z_][A-Z0-9_]*)\b/g) {
		$macros++;
		$macros_ok = 0 unless $literal_macro{$1};
	}
	$rest =~ s/\b[A-Z_][A-Z0-9_]*\s*(\((?:[^()"]|"(?:[^"\\]|\\.)*")*\))?//g;
	return ($e =~ /"/ || $macros > 0) && $macros_ok && $rest =~ /^\s*$/;
}

# A static table's initialiser holds only literals, macros, NULL, numbers.
sub literal_table {
	my ($f, $name) = @_;
	return 0 unless $text{$f} =~
	    /\b\Q$name\E\s*\[\s*\]\s*=\s*\{(.*?)\n\};/s;
	my $rest = $1 =~ s/"(?:[^"\\]|\\.)*"//gr;
	$rest =~ s/\b[A-Z_][A-Z0-9_]*\s*(\((?:[^()"]|"(?:[^"\\]|\\.)*")*\))?//g;
	return $rest =~ /^[\s{},0-9]*$/;
}

# The exceptions: where the SQL is not a literal at the call, and why it
# still never comes from input.  Each is checked, not just believed.
my %vetted = (
	'src/db.c schema_migrations[v]' => sub {
		literal_table("$src/src/schema.c", 'schema_migrations') },
	'src/db.c pragma' => sub {	# an integer the migration counts
		$text{"$src/src/db.c"} =~
		    /snprintf\(pragma, sizeof pragma,\s*"PRAGMA user_version = %d", \(int\)v \+ 1\)/ },
	'src/export.c t->select' => sub {
		literal_table("$src/src/export.c", 'export_tables') },
	'src/export.c t->track' => sub {
		literal_table("$src/src/export.c", 'export_tables') },
	'src/export.c sql' => sub { forwarder("$src/src/export.c", 'x_int', 1) },
	'src/appeal-purge.c s->sql' => sub {
		!grep { !literal_table("$src/src/appeal-purge.c", $_) }
		    qw(appeal_pd visit_pd booking_pd) },
	'src/appeal-purge.c pd_select[k]' => sub {
		literal_table("$src/src/appeal-purge.c", 'pd_select') },
	'src/inspect.c sql' => sub {
		forwarder("$src/src/inspect.c", 'i_count', 1) },
	'src/report-feedback.c sql' => sub {
		forwarder("$src/src/report-feedback.c", 'rf_ids', 2) },
);

# Every call of a helper that passes its argument idx on as SQL.
sub forwarder {
	my ($f, $fn, $idx) = @_;
	my ($calls, $good) = (0, 0);
	while ($text{$f} =~ /\b\Q$fn\E\s*\(/g) {
		my @a = args($text{$f}, pos($text{$f}) - 1);
		next if $a[0] =~ /\bstruct\b/;	# its definition
		$calls++;
		if (literal($a[$idx])) {
			$good++;
		} else {
			diag("$fn called with SQL: $a[$idx]");
		}
	}
	return $calls > 0 && $good == $calls;
}

# 1. Every db_prepare and db_exec call site.
my ($sites, $lits) = (0, 0);
for my $f (@files) {
	my $t = $text{$f};
	(my $rel = $f) =~ s{^\Q$src\E/}{};
	while ($t =~ /\b(db_prepare|db_exec)\s*\(/g) {
		my ($fn, $at) = ($1, pos($t) - 1);
		my @a = args($t, $at);
		next if @a && $a[0] =~ /\bstruct\b/;	# prototype, definition
		my $line = 1 + (substr($t, 0, $at) =~ tr/\n//);
		my $sql = $a[$fn eq 'db_prepare' ? 3 : 2] // '';
		$sql =~ s/^\s+|\s+$//g;
		$sites++;
		if (literal($sql)) {
			$lits++;
			next;
		}
		my $check = $vetted{"$rel $sql"};
		ok($check && $check->(), "$rel:$line: $fn with SQL from " .
		    "\"$sql\" is a vetted source of literals")
		    or diag("build the SQL from literals, bind the input");
	}
}
ok($sites > 50 && $lits > 0, "$lits of $sites db_prepare/db_exec calls " .
    "pass a literal; the rest are listed above");

# 2. SQLite only through db.c.
my @raw = grep { $text{$_} =~ /\bsqlite3_\w+\s*\(|#\s*include\s*<sqlite3\.h>/ }
    grep { !m{/src/db\.c$} } @files;
ok(!@raw, "only src/db.c calls SQLite") or diag("also: @raw");
ok(!grep({ $text{$_} =~ /sqlite3_mprintf|%[qQw]\b/ } @files),
    "no SQL formatting with sqlite3_mprintf");

# 3. Every environment variable read is in SECURITY.md.
my $sec = -e "$src/SECURITY.md" ? slurp("$src/SECURITY.md") : '';
ok($sec ne '', "SECURITY.md exists");
my %env;
for my $f (@files) {
	(my $rel = $f) =~ s{^\Q$src\E/}{};
	while ($text{$f} =~ /\b(?:getenv|secure_getenv)\s*\(\s*"([^"]+)"/g) {
		push @{$env{$1}}, $rel;
	}
}
for my $v (sort keys %env) {
	ok(scalar($sec =~ /`\Q$v\E`/), "$v (read in @{[join ', ', @{$env{$v}}]}) " .
	    "is in SECURITY.md");
}
ok(keys(%env) >= 5, scalar(keys %env) . " variables found");

print "1..$n\n";
exit($failed ? 1 : 0);
