SELECT (SELECT tags[1] FROM app.tagged) = 'x' AND (SELECT (p).k FROM app.tagged) = 'y' AND app.counted() = 0 AS ok;
