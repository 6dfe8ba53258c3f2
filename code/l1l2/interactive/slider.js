(function (root) {
  var data = JSON.parse(root.querySelector("script.l1l2-frames").textContent);
  var img = root.querySelector("img.l1l2-frame");
  var inputs = root.querySelectorAll("input.l1l2-slider");
  function show() {
    var k = 0;
    inputs.forEach(function (inp, j) {
      var i = parseInt(inp.value, 10);
      k += i * data.strides[j];
      var text = data.labels[j][i];
      inp.setAttribute("aria-valuetext", text);
      root.querySelector("output[data-for='" + inp.id + "']").textContent = text;
    });
    img.src = "data:" + data.mime + ";base64," + data.frames[k];
    img.setAttribute("data-frame", String(k));
  }
  inputs.forEach(function (inp) { inp.addEventListener("input", show); });
})(document.currentScript.parentElement);
